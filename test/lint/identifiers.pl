#!/usr/bin/perl
# test/lint/identifiers.pl: a comment must not name a C identifier that does
# not exist.  A stale name in a comment (a macro renamed, a function
# removed) sends the next reader looking for something that is not there,
# so it counts as a bug: `make test` runs this and counts it as one test.
#
# Checked, in the comments of the C sources (src/core, src/pg, test/fuzz):
#   - project names: JN_..., jn_..., Jn... (macros, functions, types);
#   - other ALL_CAPS names with an underscore (macros, e.g. MCXT_ALLOC_HUGE);
#   - every name written as a call, name();
# and in the comments of the SQL sources (src/sql, src/upgrade) the project
# names JN_..., jn_..., Jn... (the C names SQL comments may point at).
# A project name must occur in the code (not the comments) of the C or SQL
# sources; any other name may also come from PostgreSQL's server headers
# (pg_config --includedir-server) or be an SQL name of the extension.
#
# A quoted single word ('jn_refre') is a value, not a name, and is skipped.
#
# Usage: perl test/lint/identifiers.pl [ROOT]   (exit 1 and a list on failure)
use strict;
use warnings;

my $root = shift // '.';
chdir $root or die "cannot chdir to $root: $!";
my $pg_config = $ENV{PG_CONFIG} // 'pg_config';
chomp(my $incdir = `$pg_config --includedir-server 2>/dev/null` // '');

sub slurp { my ($f) = @_; local $/; open my $h, '<', $f or die "$f: $!"; my $s = <$h>; close $h; return $s; }

# Split C text into (code, [comments with line numbers]).
sub split_c {
    my ($text) = @_;
    my ($code, @comments) = ('');
    while ($text =~ m{\G(?:(/\*.*?\*/)|(//[^\n]*)|("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|([^/"']+|.))}gsc) {
        if (defined $1 || defined $2) {
            my $c = defined $1 ? $1 : $2;
            my $line = 1 + (substr($text, 0, pos($text) - length $c) =~ tr/\n//);
            push @comments, [$line, $c];
            $code .= ' ';
        } elsif (defined $3) { $code .= ' ' }
        else { $code .= $4 }
    }
    return ($code, \@comments);
}

# Split SQL text into (code, [comments]): -- comments and /* */ blocks;
# string literals and dollar-quoted bodies stay code (function bodies).
sub split_sql {
    my ($text) = @_;
    my ($code, @comments) = ('');
    my $line = 1;
    for my $l (split /\n/, $text) {
        if ($l =~ /^(.*?)--(.*)$/ && ($1 =~ tr/'//) % 2 == 0) {
            $code .= "$1\n";
            push @comments, [$line, "--$2"];
        } else {
            $code .= "$l\n";
        }
        $line++;
    }
    return ($code, \@comments);
}

my @cfiles = sort(glob('src/core/*.[ch]'), glob('src/pg/*.[ch]'), glob('test/fuzz/*.[ch]'));
my @sqlfiles = sort(glob('src/sql/*.sql'), glob('src/upgrade/*.sql'));
die "lint: no C sources found under $root\n" unless @cfiles;

my (%own, %pg, %cc, %sc);
for my $f (@cfiles) {
    my ($code, $comments) = split_c(slurp($f));
    $own{$_} = 1 for $code =~ /\b([A-Za-z_]\w*)\b/g;
    $cc{$f} = $comments;
}
for my $f (@sqlfiles) {
    my ($code, $comments) = split_sql(slurp($f));
    $own{$_} = 1 for $code =~ /\b([A-Za-z_]\w*)\b/g;
    $sc{$f} = $comments;
}
if ($incdir ne '' && -d $incdir) {
    for my $h (split /\n/, `find '$incdir' -name '*.h'`) {
        my $t = slurp($h);
        $pg{$_} = 1 for $t =~ /\b([A-Za-z_]\w*)\b/g;
    }
} else {
    warn "lint: PostgreSQL server headers not found; only the project's own names are known\n";
}

my $project = qr/\b(JN_[A-Z0-9_]+|jn_[a-z0-9_]+|Jn[A-Z]\w*)\b/;
my @bad;
for my $f (@cfiles) {
    for my $c (@{ $cc{$f} }) {
        my ($line, $text) = @$c;
        my %seen;
        $text =~ s/'[A-Za-z_]\w*'//g;    # a quoted word is a value, not a name
        for my $name ($text =~ /$project/g) {
            push @bad, "$f:$line: $name" unless $own{$name} || $seen{$name}++;
        }
        for my $name ($text =~ /\b([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b/g, $text =~ /\b([A-Za-z_]\w*)\(\)/g) {
            next if $name =~ /^$project$/;
            push @bad, "$f:$line: $name" unless $own{$name} || $pg{$name} || $seen{$name}++;
        }
    }
}
for my $f (@sqlfiles) {
    for my $c (@{ $sc{$f} }) {
        my ($line, $text) = @$c;
        $text =~ s/'[A-Za-z_]\w*'//g;
        for my $name ($text =~ /$project/g) {
            push @bad, "$f:$line: $name" unless $own{$name};
        }
    }
}
if (@bad) {
    print "lint: comments name identifiers that do not exist in the sources:\n";
    print "  $_\n" for @bad;
    exit 1;
}
printf "lint: %d C and %d SQL files, every identifier named in a comment exists\n",
    scalar @cfiles, scalar @sqlfiles;
exit 0;

#!/usr/bin/env bash
# Validates META.json against the PGXN Meta Spec 1.0.0
# (https://pgxn.org/meta/spec.txt): required keys and their types, semantic
# versions, a known licence, release_status, maintainers with an e-mail
# address, resources of the spec's shape, every provides entry pointing at a
# file (and docfile) that exists in the tree, and the version matching
# jeugdnorm.control.  Prints what is wrong and exits 1; silent when valid.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 - <<'PY'
import json, os, re, sys
errors = []
def err(m): errors.append(m)
try:
    meta = json.load(open('META.json'))
except Exception as e:
    print('META.json: not valid JSON: %s' % e); sys.exit(1)

semver = re.compile(r'^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+)?$')
for key in ('name', 'abstract', 'maintainer', 'license', 'provides', 'meta-spec', 'version'):
    if key not in meta: err('missing required key %r' % key)
for key in meta:
    if key not in ('name', 'abstract', 'description', 'version', 'maintainer', 'license', 'provides',
                   'meta-spec', 'prereqs', 'release_status', 'resources', 'tags', 'no_index',
                   'generated_by') and not key.lower().startswith('x_'):
        err('unknown key %r (custom keys start with x_)' % key)
if not re.match(r'^[A-Za-z0-9][A-Za-z0-9_-]*$', meta.get('name', '')): err('name is not a valid distribution name')
if not isinstance(meta.get('abstract'), str) or not meta.get('abstract'): err('abstract must be a non-empty string')
if not semver.match(str(meta.get('version', ''))): err('version %r is not a semantic version' % meta.get('version'))
ms = meta.get('meta-spec', {})
if ms.get('version') != '1.0.0': err('meta-spec.version must be 1.0.0')
m = meta.get('maintainer')
ms_list = [m] if isinstance(m, str) else m
if not isinstance(ms_list, list) or not ms_list: err('maintainer must be a string or a non-empty list')
else:
    for x in ms_list:
        if not re.search(r'<[^@<>\s]+@[^@<>\s]+\.[^@<>\s]+>$', x): err('maintainer %r has no e-mail address' % x)
licenses = {'agpl_3', 'apache_1_1', 'apache_2_0', 'artistic_1', 'artistic_2', 'bsd', 'freebsd', 'gfdl_1_2',
            'gfdl_1_3', 'gpl_1', 'gpl_2', 'gpl_3', 'lgpl_2_1', 'lgpl_3_0', 'mit', 'mozilla_1_0', 'mozilla_1_1',
            'openssl', 'perl_5', 'postgresql', 'qpl_1_0', 'ssleay', 'sun', 'zlib', 'open_source',
            'restricted', 'unrestricted', 'unknown'}
lic = meta.get('license')
lics = [lic] if isinstance(lic, str) else (list(lic) if isinstance(lic, list) else list(lic or {}))
if not lics or any(isinstance(l, str) and l not in licenses for l in lics if isinstance(lic, (str, list))):
    err('license %r is not a PGXN licence name' % lic)
if meta.get('release_status', 'stable') not in ('stable', 'testing', 'unstable'):
    err('release_status must be stable, testing or unstable')
prov = meta.get('provides', {})
if not isinstance(prov, dict) or not prov: err('provides must be a non-empty object')
for ext, p in (prov.items() if isinstance(prov, dict) else []):
    if 'file' not in p or 'version' not in p: err('provides.%s needs file and version' % ext)
    if not semver.match(str(p.get('version', ''))): err('provides.%s.version is not a semantic version' % ext)
    for k in ('file', 'docfile'):
        if k in p and not os.path.isfile(p[k]): err('provides.%s.%s %r does not exist' % (ext, k, p[k]))
    for k in p:
        if k not in ('file', 'version', 'abstract', 'docfile') and not k.lower().startswith('x_'):
            err('provides.%s: unknown key %r' % (ext, k))
res = meta.get('resources', {})
url = re.compile(r'^https?://\S+$')
for k, v in res.items():
    if k == 'homepage':
        if not url.match(v): err('resources.homepage is not a URL')
    elif k == 'bugtracker':
        if not set(v) <= {'web', 'mailto'} or not v: err('resources.bugtracker takes web and/or mailto')
        if 'web' in v and not url.match(v['web']): err('resources.bugtracker.web is not a URL')
        if 'mailto' in v and not re.match(r'^[^@\s]+@[^@\s]+\.[^@\s]+$', v['mailto']): err('resources.bugtracker.mailto is not an address')
    elif k == 'repository':
        if not set(v) <= {'url', 'web', 'type'} or not v: err('resources.repository takes url, web, type')
    elif not k.lower().startswith('x_'):
        err('resources: unknown key %r' % k)
for phase, rel in meta.get('prereqs', {}).items():
    if phase not in ('configure', 'build', 'test', 'runtime', 'develop'): err('prereqs: unknown phase %r' % phase)
    for kind, reqs in rel.items():
        if kind not in ('requires', 'recommends', 'suggests', 'conflicts'): err('prereqs.%s: unknown %r' % (phase, kind))
        for name, ver in reqs.items():
            if not (ver == 0 or semver.match(str(ver)) or re.match(r'^([<>=!]=?\s*\d+\.\d+\.\d+,?\s*)+$', str(ver))):
                err('prereqs.%s.%s.%s: bad version %r' % (phase, kind, name, ver))
if not isinstance(meta.get('tags', []), list): err('tags must be a list')
control = open('jeugdnorm.control').read()
cv = re.search(r"default_version\s*=\s*'([^']*)'", control).group(1)
if meta.get('version') != cv: err('version %s differs from jeugdnorm.control default_version %s' % (meta.get('version'), cv))
for ext, p in prov.items():
    if p.get('version') != cv: err('provides.%s.version %s differs from jeugdnorm.control %s' % (ext, p.get('version'), cv))
if errors:
    print('META.json: ' + '\nMETA.json: '.join(errors)); sys.exit(1)
PY

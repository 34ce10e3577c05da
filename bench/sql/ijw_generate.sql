-- bench/ijw.sh: :n_messages JW323 messages of :per_message prestaties each
-- (ids continue after the messages already there), as a provider would send
-- them: one Client per 2 prestaties, valid BSNs (elfproef), amounts in
-- eurocent, every 10th line a credit.
INSERT INTO jeugdnorm.ijw_bericht (bestandsnaam, bericht)
SELECT format('bench-%s-%s.xml', :per_message, m),
       concat(
'<?xml version="1.0" encoding="UTF-8"?>
<jw323:Bericht xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema" xmlns:jw323="http://www.istandaarden.nl/ijw/3_2/jw323/schema">
  <jw323:Header>
    <jw323:BerichtCode>490</jw323:BerichtCode>
    <jw323:BerichtVersie>3</jw323:BerichtVersie>
    <jw323:BerichtSubversie>2</jw323:BerichtSubversie>
    <jw323:Afzender>', lpad((10000000 + m % 500)::text, 8, '0'), '</jw323:Afzender>
    <jw323:Ontvanger>0', 700 + m % 40, '</jw323:Ontvanger>
    <jw323:BerichtIdentificatie>
      <ijw:Identificatie>B', m, '</ijw:Identificatie>
      <ijw:Dagtekening>2024-04-03</ijw:Dagtekening>
    </jw323:BerichtIdentificatie>
    <jw323:XsdVersie>
      <ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie>
      <ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie>
    </jw323:XsdVersie>
  </jw323:Header>
  <jw323:Declaratie>
    <jw323:DeclaratieNummer>D', m, '</jw323:DeclaratieNummer>
    <jw323:DeclaratiePeriode>
      <ijw:Begindatum>2024-03-01</ijw:Begindatum>
      <ijw:Einddatum>2024-03-31</ijw:Einddatum>
    </jw323:DeclaratiePeriode>
    <jw323:DeclaratieDagtekening>2024-04-03</jw323:DeclaratieDagtekening>
    <jw323:TotaalIngediendBedrag>
      <ijw:TotaalBedrag>100</ijw:TotaalBedrag>
      <ijw:DebetCredit>D</ijw:DebetCredit>
    </jw323:TotaalIngediendBedrag>
    <jw323:Clienten>',
       (SELECT string_agg(concat(
'
      <jw323:Client>
        <jw323:Bsn>', b.bsn, '</jw323:Bsn>
        <jw323:Prestaties>',
         (SELECT string_agg(concat(
'
          <jw323:Prestatie>
            <jw323:ProductReferentie>
              <ijw:ReferentieNummer>R', m, '-', c, '-', k, '</ijw:ReferentieNummer>',
              CASE WHEN (c * 2 + k) % 10 = 0 THEN concat('
              <ijw:VorigReferentieNummer>R0-', c, '-', k, '</ijw:VorigReferentieNummer>') END, '
            </jw323:ProductReferentie>
            <jw323:ToewijzingNummer>', 100000 + m * 10 + c % 7, '</jw323:ToewijzingNummer>
            <jw323:ProductCategorie>45</jw323:ProductCategorie>
            <jw323:ProductCode>45A12</jw323:ProductCode>
            <jw323:ProductPeriode>
              <ijw:Begindatum>2024-03-01</ijw:Begindatum>
              <ijw:Einddatum>2024-03-31</ijw:Einddatum>
            </jw323:ProductPeriode>
            <jw323:GeleverdVolume>', 60 + k, '</jw323:GeleverdVolume>
            <jw323:Eenheid>01</jw323:Eenheid>
            <jw323:ProductTarief>6500</jw323:ProductTarief>
            <jw323:IngediendBedrag>
              <ijw:Bedrag>', 6500 + 100 * k, '</ijw:Bedrag>
              <ijw:DebetCredit>', CASE WHEN (c * 2 + k) % 10 = 0 THEN 'C' ELSE 'D' END, '</ijw:DebetCredit>
            </jw323:IngediendBedrag>
          </jw323:Prestatie>'), '' ORDER BY k)
            FROM generate_series(1, 2) k), '
        </jw323:Prestaties>
      </jw323:Client>'), '' ORDER BY c)
          FROM generate_series(1, :per_message / 2) c
          -- a valid BSN per client: 8 digits + the check digit that makes the elfproef hold
          CROSS JOIN LATERAL (
              SELECT CASE WHEN s % 11 < 10 THEN d8 || (s % 11)::text
                          -- check digit 10 is impossible: change the 8th digit (weight 2)
                          ELSE left(d8, 7) || ((right(d8, 1)::int + 1) % 10)::text
                               || ((s + CASE WHEN right(d8, 1) = '9' THEN -18 ELSE 2 END) % 11)::text
                     END AS bsn
                FROM (SELECT lpad(((m * 7919 + c * 104729) % 89999999 + 10000000)::text, 8, '0') AS d8) x
                CROSS JOIN LATERAL (SELECT sum((9 - i) * substr(d8, i + 1, 1)::int) AS s
                                      FROM generate_series(0, 7) i) y) b), '
    </jw323:Clienten>
  </jw323:Declaratie>
</jw323:Bericht>
')
  FROM generate_series(:first + 1, :first + :n_messages) m;

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { DATASET_MODULES } from '../../src/datasets/modules';
import type { RunningServer } from '../../src/server/server';
import { createCatalog } from '../../src/shared/modules/catalog';
import type { DatasetModule } from '../../src/shared/modules/dataset-module';
import { STRUCTURE_TYPES } from '../../src/shared/sdmx';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';
import { RSCRIPT, rsdmxAvailable } from '../support/rsdmx';
import { sdmxSchemaErrors } from '../support/sdmx-schemas';

/** The series and observations of a generic data message (the hub's own output, one line). */
function genericObservations(
  xml: string,
): { key: Record<string, string>; value: string | null; attributes: Record<string, string> }[] {
  const values = (block: string) =>
    Object.fromEntries(
      [...block.matchAll(/<gen:Value id="([^"]+)" value="([^"]*)"\/>/g)].map((m) => [m[1], m[2]]),
    );
  const out: ReturnType<typeof genericObservations> = [];
  for (const series of xml.matchAll(/<gen:Series>(.*?)<\/gen:Series>/g)) {
    const seriesKey = values(/<gen:SeriesKey>(.*?)<\/gen:SeriesKey>/.exec(series[1])?.[1] ?? '');
    for (const obs of series[1].matchAll(/<gen:Obs>(.*?)<\/gen:Obs>/g)) {
      const at = /<gen:ObsDimension value="([^"]*)"\/>/.exec(obs[1])?.[1] ?? '';
      out.push({
        key: { ...seriesKey, TIME_PERIOD: at },
        value: /<gen:ObsValue value="([^"]*)"\/>/.exec(obs[1])?.[1] ?? null,
        attributes: values(/<gen:Attributes>(.*?)<\/gen:Attributes>/.exec(obs[1])?.[1] ?? ''),
      });
    }
  }
  return out;
}

describe('sdmx > dataflows over facts', () => {
  const flow = () => {
    const found = createCatalog(DATASET_MODULES).sdmx.flow('RECRUITMENT');
    if (!found) throw new Error('no RECRUITMENT dataflow');
    return found;
  };
  it('marks a hidden value confidential (C) without a value, and a missing one free (F)', () => {
    const cell = (over: Record<string, unknown>) => ({
      entityCode: 'OCHA',
      selectedGender: 'FEMALE',
      year: 2021,
      recruitments: 7,
      suppressed: false,
      suppressionReason: null,
      disclosure: 'PERTURBED',
      ...over,
    });
    const observations = flow().observations(
      {
        recruitment: [
          cell({}),
          cell({
            selectedGender: 'MALE',
            recruitments: null,
            suppressed: true,
            suppressionReason: 'few',
          }),
          cell({ year: 2020, recruitments: null, suppressionReason: 'hidden measure' }),
          cell({ year: 2019, recruitments: null }),
          cell({ entityCode: null }),
        ],
      },
      new Set(),
    );
    expect(observations.map((o) => [o.key.join('.'), o.value, o.attributes.slice(3)])).toEqual([
      ['OCHA.F.2021', 7, ['E', 'F']],
      ['OCHA.M.2021', null, ['E', 'C']],
      ['OCHA.F.2020', null, ['E', 'C']],
      ['OCHA.F.2019', null, ['E', 'F']],
    ]);
  });

  it('leaves a dimension asked as a total (_T) out of the grouping, so it fits a protected role', () => {
    expect(flow().query(new Set())).toContain('groupBy: [ENTITY, SELECTED_GENDER, YEAR]');
    expect(flow().query(new Set(['SEX']))).toContain('groupBy: [ENTITY, YEAR]');
  });

  it('refuses declarations that do not hold together, at start-up', () => {
    const broken = (sdmx: DatasetModule['sdmx']) => () =>
      createCatalog([...DATASET_MODULES, { name: 'broken', description: '', entities: [], sdmx }]);
    expect(broken({ dataflows: [{ ...flow(), id: 'OTHER', categories: ['NOWHERE'] }] })).toThrow(
      /no dataset declares the category NOWHERE/,
    );
    expect(broken({ dataflows: [flow()] })).toThrow(/dataflow RECRUITMENT is declared twice/);
    expect(broken({ dataflows: [{ ...flow(), id: 'OTHER', fact: 'nothing' }] })).toThrow(
      /reads the fact nothing, which no module puts in the graph/,
    );
    const entity = flow().dimensions[0];
    const clash = {
      ...entity,
      codelist: entity.codelist && {
        ...entity.codelist,
        source: { kind: 'fixed' as const, codes: [{ id: 'X', name: 'X' }] },
      },
    };
    expect(
      broken({
        dataflows: [{ ...flow(), id: 'OTHER', dimensions: [clash, ...flow().dimensions.slice(1)] }],
      }),
    ).toThrow(/codelist UN:CL_ENTITY\(1.0\) is declared twice with different codes/);
  });
});

describe.each(databaseCases())('sdmx > REST API > %s', (_name, database) => {
  let harness: Harness;
  let server: RunningServer;
  beforeAll(async () => {
    harness = await openHarness(database, {
      file: true,
      seedScale: 0.05,
      env: { API_TOKENS: 'sdmx-hr-token=hr,sdmx-analyst-token=analyst' },
    });
    server = await harness.serve();
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    await harness?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.origin}${path}`, { headers });
  /** GET, expecting 200 and a message valid against the SDMX-ML 2.1 schemas. */
  const valid = async (path: string, headers: Record<string, string> = {}) => {
    const res = await get(path, headers);
    const body = await res.text();
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    expect({ path, errors: await sdmxSchemaErrors(body) }).toEqual({ path, errors: [] });
    return body;
  };
  const graphql = async (query: string, token?: string) => {
    const res = await fetch(`${server.origin}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query }),
    });
    return ((await res.json()) as { data: Record<string, unknown> }).data;
  };
  const flowIds = () => harness.catalog.sdmx.flows.map((f) => f.id);

  it('serves every structure type as SDMX-ML 2.1 that validates against the official schemas', async () => {
    for (const type of STRUCTURE_TYPES) {
      const xml = await valid(`/sdmx/${type}`);
      expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><mes:Structure /);
    }
    // No Accept and */* get SDMX-ML, the REST API's default.
    const res = await get('/sdmx/dataflow', { accept: '*/*' });
    expect(res.headers.get('content-type')).toMatch(
      /^application\/vnd\.sdmx\.structure\+xml;\s*version=2\.1/,
    );
    const all = await valid('/sdmx/dataflow/all/all/latest?references=all');
    for (const element of [
      'Dataflow',
      'DataStructure',
      'Codelist',
      'ConceptScheme',
      'CategoryScheme',
      'Categorisation',
      'ContentConstraint',
    ])
      expect(all).toContain(`<str:${element} `);
    // The 2.x path form names the same structure.
    expect(await valid('/sdmx/structure/dataflow/UN/WORKFORCE/1.0')).toContain('id="WORKFORCE"');
  });

  it('lists the dataflows, each categorised under an outcome area of the report', async () => {
    const xml = await valid('/sdmx/dataflow');
    const listed = [...xml.matchAll(/<str:Dataflow id="([A-Z_]+)"/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual([
      'ENGAGEMENT_FAVOURABLE',
      'GEO_REPRESENTATION',
      'LEARNING_COVERAGE',
      'RECRUITMENT',
      'REFORM_INDICATORS',
      'WORKFORCE',
    ]);
    const categorised = await valid('/sdmx/categoryscheme/UN/CAT_HR_REFORM?references=parents');
    for (const id of listed)
      expect(categorised).toMatch(new RegExp(`<str:Source><Ref id="${id}" agencyID="UN"`));
    expect(categorised).toContain('<str:Category id="DIVERSITY">');
  });

  it('derives each data structure from its declaration: concepts, cross-domain codelists, codes from the dimension tables', async () => {
    const xml = await valid('/sdmx/datastructure/UN/DSD_WORKFORCE/latest?references=children');
    const dimensions = [
      ...xml.matchAll(/<str:(?:Time)?Dimension id="([A-Z_]+)" position="(\d+)">/g),
    ].map((m) => m[1]);
    expect(dimensions).toEqual(['ENTITY', 'SEX', 'GRADE_CATEGORY', 'AGE_BAND', 'TIME_PERIOD']);
    // Sex is SDMX's cross-domain concept and codelist; entities are the dimension table's.
    expect(xml).toContain('<str:Codelist id="CL_SEX" agencyID="SDMX" version="2.1"');
    expect(xml).toMatch(/<str:Attribute id="FREQ".*?<Ref id="CL_FREQ" agencyID="SDMX"/);
    const entities = (await graphql('{ entities { code } }')).entities as { code: string }[];
    const codelist = /<str:Codelist id="CL_ENTITY".*?<\/str:Codelist>/.exec(xml)?.[0] ?? '';
    const codes = [...codelist.matchAll(/<str:Code id="([^"]+)"/g)].map((m) => m[1]);
    expect(codes).toEqual([...entities.map((e) => e.code), '_T']);
    const geo = await valid('/sdmx/datastructure/UN/DSD_GEO_REPRESENTATION?references=children');
    expect(geo).toMatch(
      /<str:Dimension id="REF_AREA" position="1">.*?<Ref id="CL_AREA" agencyID="SDMX"/,
    );
    // Stubs: names only, marked external; a partial reference keeps only the concepts used.
    const stubs = await valid('/sdmx/dataflow?references=descendants&detail=allstubs');
    expect(stubs).not.toContain('<str:Code ');
    expect(stubs).toContain('isExternalReference="true"');
    const partial = await valid(
      '/sdmx/datastructure/UN/DSD_WORKFORCE?references=children&detail=referencepartial',
    );
    expect(partial).not.toContain('<str:Concept id="INDICATOR">');
    expect(xml).toContain('<str:Concept id="INDICATOR">');
  });

  it('gives data as SDMX-ML generic data, valid, with the values GraphQL gives the same caller', async () => {
    const xml = await valid(
      '/sdmx/data/WORKFORCE/OCHA+DESA.F+M._T._T?startPeriod=2021&endPeriod=2021',
    );
    const cells = (
      (
        await graphql(
          '{ workforce(groupBy: [ENTITY, GENDER, YEAR], year: 2021) { entityCode gender headcount suppressed disclosure } }',
        )
      ).workforce as {
        entityCode: string;
        gender: string;
        headcount: number | null;
        suppressed: boolean;
        disclosure: string;
      }[]
    ).filter((c) => ['OCHA', 'DESA'].includes(c.entityCode));
    const expected = cells.map((c) => ({
      key: {
        ENTITY: c.entityCode,
        SEX: c.gender === 'FEMALE' ? 'F' : 'M',
        GRADE_CATEGORY: '_T',
        AGE_BAND: '_T',
        TIME_PERIOD: '2021',
      },
      value: c.suppressed ? null : String(c.headcount),
      attributes: {
        FREQ: 'A',
        UNIT_MEASURE: 'PS',
        UNIT_MULT: '0',
        OBS_STATUS: 'E',
        CONF_STATUS: c.suppressed ? 'C' : 'F',
      },
    }));
    const sort = (list: { key: Record<string, string> }[]) =>
      [...list].sort((a, b) => JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)));
    expect(expected).toHaveLength(4);
    expect(sort(genericObservations(xml))).toEqual(sort(expected));

    // The indicators flow: women's share of P+/FS staff in 2021 is 42.2 as the report gives it.
    const indicators = await valid(
      '/sdmx/data/REFORM_INDICATORS/women-share-p-fs?startPeriod=2021&endPeriod=2021',
    );
    expect(genericObservations(indicators)).toEqual([
      expect.objectContaining({
        key: { INDICATOR: 'women-share-p-fs', TIME_PERIOD: '2021' },
        value: '42.2',
      }),
    ]);

    // The same observations in the other formats.
    const path = '/sdmx/data/WORKFORCE/OCHA+DESA.F+M._T._T?startPeriod=2021&endPeriod=2021';
    const csv = parseCsv(await (await get(path, { accept: 'text/csv' })).text(), {
      columns: true,
    }) as Record<string, string>[];
    expect(csv.map((r) => r.OBS_VALUE).sort()).toEqual(expected.map((e) => e.value ?? '').sort());
    const specific = await (
      await get(path, { accept: 'application/vnd.sdmx.structurespecificdata+xml;version=2.1' })
    ).text();
    expect(specific).toContain('xsi:type="ns1:DataSetType"');
    // Valid against the official schemas and the flow's own (the REST API's schema resource).
    const schema = async (atObservation: string) => {
      const res = await get(
        `/sdmx/schema/dataflow/UN/WORKFORCE/1.0?dimensionAtObservation=${atObservation}`,
      );
      expect(res.status).toBe(200);
      return res.text();
    };
    expect(await sdmxSchemaErrors(specific, await schema('TIME_PERIOD'))).toEqual([]);
    const flat = await (
      await get(`${path}&format=structurespecificdata&dimensionAtObservation=AllDimensions`)
    ).text();
    expect(flat).not.toContain('<Series');
    expect(await sdmxSchemaErrors(flat, await schema('AllDimensions'))).toEqual([]);
    // The schema is the flow's: another flow's does not validate these observations.
    expect(await sdmxSchemaErrors(flat, await schema('TIME_PERIOD'))).not.toEqual([]);
    const allIndicators = await (
      await get('/sdmx/data/REFORM_INDICATORS/all?format=structurespecificdata')
    ).text();
    const indicatorSchema = await (
      await get('/sdmx/schema/dataflow/UN/REFORM_INDICATORS/1.0')
    ).text();
    expect(await sdmxSchemaErrors(allIndicators, indicatorSchema)).toEqual([]);
    expect([...specific.matchAll(/OBS_VALUE="(\d+)"/g)].map((m) => m[1]).sort()).toEqual(
      expected.flatMap((e) => (e.value === null ? [] : [e.value])).sort(),
    );
    const json = (await (await get(`${path}&format=jsondata`)).json()) as {
      data: { dataSets: { observations: object }[] };
    };
    expect(Object.keys(json.data.dataSets[0].observations)).toHaveLength(4);
  });

  it('answers the REST parameters: dimensionAtObservation, detail, first/lastNObservations, updatedAfter', async () => {
    const base = '/sdmx/data/WORKFORCE/OCHA.F._T._T';
    const flat = await valid(`${base}?dimensionAtObservation=AllDimensions`);
    expect(flat).not.toContain('<gen:Series>');
    expect(flat).toMatch(/<gen:Obs><gen:ObsKey><gen:Value id="ENTITY" value="OCHA"\/>/);
    const series = genericObservations(await valid(base));
    expect(series.length).toBeGreaterThan(2);
    const last = genericObservations(await valid(`${base}?lastNObservations=1`));
    expect(last).toEqual([series[series.length - 1]]);
    const first = genericObservations(await valid(`${base}?firstNObservations=2`));
    expect(first).toEqual(series.slice(0, 2));
    const keysOnly = await valid(`${base}?detail=serieskeysonly`);
    expect(keysOnly).toContain('<gen:SeriesKey>');
    expect(keysOnly).not.toContain('<gen:Obs>');
    // The same limits in every format.
    const csv = parseCsv(await (await get(`${base}?lastNObservations=1&format=csv`)).text(), {
      columns: true,
    }) as Record<string, string>[];
    expect(csv.map((r) => [r.TIME_PERIOD, r.OBS_VALUE])).toEqual(
      last.map((o) => [o.key.TIME_PERIOD, o.value]),
    );
    const dataOnly = await valid(`${base}?detail=dataonly`);
    expect(dataOnly).not.toContain('<gen:Attributes>');
    // Nothing changed after a future date (404 NoResultsFound); everything after a past one.
    expect((await get(`${base}?updatedAfter=2999-01-01T00:00:00Z`)).status).toBe(404);
    expect(genericObservations(await valid(`${base}?updatedAfter=2000-01-01T00:00:00Z`))).toEqual(
      series,
    );
  });

  it('lists the entities and years that hold data (availableconstraint)', async () => {
    const xml = await valid('/sdmx/availableconstraint/WORKFORCE');
    const keyValue = (id: string) =>
      [
        ...(
          new RegExp(`<com:KeyValue id="${id}">(.*?)</com:KeyValue>`).exec(xml)?.[1] ?? ''
        ).matchAll(/<com:Value>([^<]+)<\/com:Value>/g),
      ].map((m) => m[1]);
    const cells = (
      await graphql('{ workforce(groupBy: [ENTITY, YEAR]) { entityCode year headcount } }')
    ).workforce as { entityCode: string; year: number; headcount: number | null }[];
    const withData = cells.filter((c) => c.headcount !== null);
    expect(keyValue('ENTITY')).toEqual([...new Set(withData.map((c) => c.entityCode))].sort());
    expect(keyValue('TIME_PERIOD')).toEqual(
      [...new Set(withData.map((c) => String(c.year)))].sort(),
    );
    expect(keyValue('SEX')).toEqual(['F', 'M']);
    const one = await valid(
      '/sdmx/availability/dataflow/UN/WORKFORCE/1.0/OCHA._T._T._T/TIME_PERIOD',
    );
    expect(one).not.toContain('<com:KeyValue id="ENTITY">');
    expect(one).toContain('<com:KeyValue id="TIME_PERIOD">');
  });

  it('applies roles and disclosure as GraphQL does: perturbed for the public, exact for hr, hidden cells left out', async () => {
    const path = '/sdmx/data/WORKFORCE/OCHA.F._T._T';
    const publicObs = genericObservations(await valid(path));
    expect(new Set(publicObs.map((o) => o.attributes.OBS_STATUS))).toEqual(new Set(['E']));
    const hr = genericObservations(await valid(path, { authorization: 'Bearer sdmx-hr-token' }));
    expect(new Set(hr.map((o) => o.attributes.OBS_STATUS))).toEqual(new Set(['A']));
    const exact = (
      await graphql(
        '{ workforce(groupBy: [ENTITY, GENDER, YEAR], filter: { entityCodes: ["OCHA"], genders: [FEMALE] }) { year headcount } }',
        'sdmx-hr-token',
      )
    ).workforce as { year: number; headcount: number }[];
    expect(hr.map((o) => [o.key.TIME_PERIOD, o.value])).toEqual(
      exact.map((c) => [String(c.year), String(c.headcount)]),
    );
    // The public's shape rule holds: five groupings are refused, as in GraphQL.
    expect((await get('/sdmx/data/WORKFORCE/OCHA.F..')).status).toBe(403);
    // The cells a protected grouping hides are left out, as GraphQL leaves them out.
    const fine = genericObservations(
      await valid('/sdmx/data/WORKFORCE/all', { authorization: 'Bearer sdmx-analyst-token' }),
    );
    const cells = (
      await graphql(
        '{ workforce(groupBy: [ENTITY, GENDER, GRADE_CATEGORY, AGE_BAND, YEAR]) { year headcount } }',
        'sdmx-analyst-token',
      )
    ).workforce as { year: number; headcount: number }[];
    expect(fine.length).toBe(cells.length);
    expect(fine.map((o) => Number(o.value)).reduce((a, b) => a + b, 0)).toBe(
      cells.reduce((a, c) => a + c.headcount, 0),
    );
  });

  it('refuses bad queries with a clear 4xx', async () => {
    const status = async (path: string, headers: Record<string, string> = {}) =>
      (await get(path, headers)).status;
    expect(await status('/sdmx/data/NOPE')).toBe(404);
    expect(await status('/sdmx/dataflow/UN/NOPE')).toBe(404);
    const unknown = await get('/sdmx/nope');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { errors: { message: string }[] }).errors[0].message).toMatch(
      /structures are dataflow, datastructure/,
    );
    expect(await status('/sdmx/data/WORKFORCE/all/all/extra/segments')).toBe(404);
    const key = await get('/sdmx/data/WORKFORCE/OCHA');
    expect(key.status).toBe(400);
    expect(await key.text()).toMatch(
      /has 4 parts \(ENTITY\.SEX\.GRADE_CATEGORY\.AGE_BAND\), not 1/,
    );
    expect(await status('/sdmx/data/WORKFORCE/OCHA.F._T._T?startPeriod=last')).toBe(400);
    expect(await status('/sdmx/data/WORKFORCE/OCHA.F._T._T?detail=everything')).toBe(400);
    expect(await status('/sdmx/data/WORKFORCE/OCHA.F._T._T?lastNObservations=0')).toBe(400);
    expect(await status('/sdmx/data/WORKFORCE/OCHA.F._T._T?dimensionAtObservation=NOPE')).toBe(400);
    expect(await status('/sdmx/data/WORKFORCE/OCHA.F._T._T?updatedAfter=yesterday')).toBe(400);
    expect(await status('/sdmx/dataflow?references=cousins')).toBe(400);
    expect(await status('/sdmx/data/WORKFORCE/NOPE.F._T._T')).toBe(404);
    const refused = await get('/sdmx/dataflow', { accept: 'application/pdf' });
    expect(refused.status).toBe(406);
    expect(await refused.text()).toContain('application/vnd.sdmx.structure+xml;version=2.1');
    expect(await status('/sdmx/data/WORKFORCE/OCHA.F._T._T', { accept: 'image/png' })).toBe(406);
  });

  it('is read by R’s rsdmx into data frames equal to the GraphQL answers', async () => {
    if (!rsdmxAvailable()) return;
    const out = mkdtempSync(join(tmpdir(), 'rsdmx-'));
    try {
      await promisify(execFile)(
        RSCRIPT,
        [join(__dirname, 'read-with-rsdmx.R'), `${server.origin}/sdmx`, out, ...flowIds()],
        { timeout: 120_000 },
      );
      const read = (name: string) =>
        parseCsv(readFileSync(join(out, name), 'utf8'), { columns: true }) as Record<
          string,
          string
        >[];
      expect(
        read('dataflows.csv')
          .map((f) => f.id)
          .sort(),
      ).toEqual([...flowIds()].sort());
      for (const flow of harness.catalog.sdmx.flows) {
        const components = read(`components_${flow.id}.csv`);
        const codelists = read(`codelists_${flow.id}.csv`);
        const concepts = read(`concepts_${flow.id}.csv`).map((c) => c.id);
        expect(
          components.filter((c) => c.component.endsWith('Dimension')).map((c) => c.conceptRef),
        ).toEqual(flow.dimensions.map((d) => d.id));
        // Every coded component's codelist came with the structure, with its codes; every concept too.
        for (const component of [...flow.dimensions, ...flow.attributes]) {
          expect(concepts).toContain(component.concept.id);
          if (component.codelist)
            expect({
              codelist: component.codelist.ref.id,
              codes: codelists.some((c) => c.codelist === component.codelist?.ref.id),
            }).toEqual({
              codelist: component.codelist.ref.id,
              codes: true,
            });
        }
      }
      // Each structure and data message rsdmx read validates against the schemas.
      for (const id of flowIds())
        await valid(`/sdmx/datastructure/UN/DSD_${id}/latest?references=children`);
      await valid('/sdmx/data/REFORM_INDICATORS/all');
      await valid('/sdmx/data/WORKFORCE/.F+M._T._T');

      const indicators = read('indicators.csv');
      expect(
        indicators.find((r) => r.INDICATOR === 'women-share-p-fs' && r.obsTime === '2021')
          ?.obsValue,
      ).toBe('42.2');
      const series = (await graphql('{ indicators { code series { period value } } }'))
        .indicators as { code: string; series: { period: string; value: number }[] }[];
      const sdmxPeriod = (p: string) =>
        /^(\d{4})\/(\d{4})$/.test(p)
          ? `${p.slice(0, 4)}-01-01/P${Number(p.slice(5)) - Number(p.slice(0, 4)) + 1}Y`
          : p;
      const expected = series
        .flatMap((i) => i.series.map((p) => `${i.code}|${sdmxPeriod(p.period)}|${p.value}`))
        .sort();
      expect(
        indicators.map((r) => `${r.INDICATOR}|${r.obsTime}|${Number(r.obsValue)}`).sort(),
      ).toEqual(expected);

      const workforce = read('workforce.csv');
      const cells = (
        await graphql(
          '{ workforce(groupBy: [ENTITY, GENDER, YEAR]) { entityCode gender year headcount suppressed } }',
        )
      ).workforce as {
        entityCode: string | null;
        gender: string | null;
        year: number;
        headcount: number | null;
        suppressed: boolean;
      }[];
      const fromGraphql = cells
        .filter((c) => c.entityCode && c.gender)
        .map(
          (c) =>
            `${c.entityCode}|${c.gender === 'FEMALE' ? 'F' : 'M'}|${c.year}|${c.suppressed ? 'NA' : c.headcount}`,
        )
        .sort();
      expect(
        workforce.map((r) => `${r.ENTITY}|${r.SEX}|${r.obsTime}|${r.obsValue}`).sort(),
      ).toEqual(fromGraphql);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);
});

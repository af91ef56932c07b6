import type { FactDefinition } from '../../src/shared/facts/aggregate.definition';
import { Role, type Principal } from '../../src/shared/auth/principal';
import { databaseCases } from '../support/databases';
import { openHarness, type GraphQLResult, type Harness } from '../support/harness';

/**
 * Every role against every dataset: which fields each role may read and how the values are
 * protected, then a scoped token probing entities outside its scope by every route a query can
 * take (direct filters, nested edges, cell links, aliases, fragments, unfiltered aggregates).
 * The facts are read from the catalog, so a new dataset is probed without editing this file.
 */

const ROLES = [Role.PUBLIC, Role.ANALYST, Role.HR, Role.CONDUCT] as const;
const everyone = (role: Role): Principal => ({ role, entityScope: null });

type Expected = 'EXACT' | 'PERTURBED' | 'PUBLISHED' | 'ALLOWED' | 'FORBIDDEN';

interface Probe {
  dataset: string;
  field: string;
  query: string;
  /** What each role gets. */
  expect: Readonly<Record<Role, Expected>>;
  /** Where the `disclosure` of the first cell is, for aggregate probes. */
  disclosure?: (data: Record<string, unknown>) => unknown;
}

/** The disclosure each role gets for a fact, as the matrix states it (not computed by the code under test). */
function factExpectation(fact: FactDefinition): Record<Role, Expected> {
  const exact = fact.exactFor ?? [Role.HR];
  return Object.fromEntries(
    ROLES.map((role) => [
      role,
      fact.published
        ? 'PUBLISHED'
        : (role === Role.HR || role === Role.CONDUCT) && exact.includes(role)
          ? 'EXACT'
          : 'PERTURBED',
    ]),
  ) as Record<Role, Expected>;
}

const measureOf = (fact: FactDefinition) => Object.keys(fact.measures)[0];
const entityField = (fact: FactDefinition) =>
  fact.entityDimension ? fact.dimensions[fact.entityDimension].field : '';
const entityFilter = (fact: FactDefinition) =>
  fact.entityDimension ? (fact.dimensions[fact.entityDimension].filter ?? '') : '';
/** A selection of a fact's root field, wrapped in `cells` when the fact wraps them. */
const cells = (fact: FactDefinition, selection: string) =>
  fact.wrapCells ? `{ cells { ${selection} } disclosure }` : `{ ${selection} }`;
const cellList = (fact: FactDefinition, data: unknown): Record<string, unknown>[] => {
  const value = fact.wrapCells ? (data as { cells: Record<string, unknown>[] }).cells : data;
  return value as Record<string, unknown>[];
};

describe.each(databaseCases())(
  'auth > every role against every dataset > %s',
  (_name, database) => {
    let harness: Harness;
    let mine: string;
    let other: string;
    beforeAll(async () => {
      harness = await openHarness(database, { seedScale: 0.05 });
      // The two entities with most conduct cases (they have staff and survey respondents too).
      const rows: { entity_code: string }[] = await harness.dataSource.query(
        'SELECT entity_code FROM cond_case GROUP BY entity_code ORDER BY COUNT(*) DESC, entity_code LIMIT 2',
      );
      [mine, other] = rows.map((r) => r.entity_code);
    }, 240_000);
    afterAll(() => harness?.close());

    const probes = (): Probe[] => {
      const facts: Probe[] = harness.catalog.facts.map((fact) => ({
        dataset: harness.catalog.datasetOfTable(fact.table) ?? fact.table,
        field: fact.name,
        query: `{ ${fact.name}(${fact.periodArgument}: 2021) ${cells(fact, `${measureOf(fact)} disclosure`)} }`,
        expect: factExpectation(fact),
        disclosure: (data) => {
          const list = cellList(fact, data[fact.name]);
          return list[0]?.disclosure;
        },
      }));
      const only = (...roles: Role[]): Record<Role, Expected> =>
        Object.fromEntries(
          ROLES.map((role) => [role, roles.includes(role) ? 'ALLOWED' : 'FORBIDDEN']),
        ) as Record<Role, Expected>;
      return [
        ...facts,
        {
          dataset: 'staffing',
          field: 'staffRecords',
          query: '{ staffRecords(first: 2) { nodes { staffId } } }',
          expect: only(Role.HR),
        },
        {
          dataset: 'staffing',
          field: 'jobOpenings',
          query: '{ jobOpenings(first: 2) { nodes { jobOpeningId } } }',
          expect: only(Role.HR),
        },
        {
          dataset: 'conduct',
          field: 'conductCases',
          query: '{ conductCases(first: 2) { nodes { caseId } } }',
          expect: only(Role.CONDUCT),
        },
        {
          dataset: 'representation',
          field: 'representationSummary',
          query: '{ representationSummary(year: 2021) { status count } }',
          expect: only(...ROLES),
        },
        {
          dataset: 'indicators',
          field: 'indicators',
          query: '{ indicators { code reconciliation { period computed } } }',
          expect: only(...ROLES),
        },
        {
          dataset: 'engagement',
          field: 'engagementWaves',
          query: '{ engagementWaves { year participants } }',
          expect: only(...ROLES),
        },
      ];
    };

    it('covers every dataset of the catalog', () => {
      const probed = new Set(probes().map((p) => p.dataset));
      for (const module of harness.catalog.modules.filter((m) => m.name !== 'dimensions'))
        expect(probed).toContain(module.name);
    });

    it.each(ROLES)(
      'answers %s as the matrix says, with no partial data when refused',
      async (role) => {
        for (const probe of probes()) {
          const result = await harness.execute(probe.query, { principal: everyone(role) });
          const expected = probe.expect[role];
          const context = `${role} ${probe.field}`;
          if (expected === 'FORBIDDEN') {
            // Without a credential it is 401 UNAUTHENTICATED (present one), with one 403.
            const refusal = role === Role.PUBLIC ? 'UNAUTHENTICATED' : 'FORBIDDEN';
            expect([context, result.errors?.map((e) => e.extensions?.code)]).toEqual([
              context,
              [refusal],
            ]);
            expect([context, result.data]).toEqual([context, null]);
            continue;
          }
          expect([context, result.errors]).toEqual([context, undefined]);
          if (expected !== 'ALLOWED' && probe.disclosure && result.data) {
            expect([context, probe.disclosure(result.data)]).toEqual([context, expected]);
          }
        }
      },
    );

    const refusedWholly = (result: GraphQLResult, what: string) => {
      expect([what, result.errors?.[0]?.extensions?.code]).toEqual([what, 'FORBIDDEN']);
      expect([what, result.data]).toEqual([what, null]);
    };

    it('keeps a scoped token inside its entities by every route, for every entity-attributed fact', async () => {
      let seenMine = 0;
      for (const role of ROLES.filter((r) => r !== Role.PUBLIC)) {
        const scoped: Principal = { role, entityScope: [mine] };
        for (const fact of harness.catalog.facts.filter((f) => f.entityDimension && !f.published)) {
          const period = `${fact.periodArgument}: 2021`;
          const filter = (code: string) => `filter: { ${entityFilter(fact)}: ["${code}"] }`;
          const measure = measureOf(fact);
          const what = (route: string) => `${role} ${fact.name} ${route}`;
          // Direct filter on another entity.
          refusedWholly(
            await harness.execute(
              `{ ${fact.name}(${period}, ${filter(other)}) ${cells(fact, measure)} }`,
              {
                principal: scoped,
              },
            ),
            what('filter'),
          );
          // Aliases: one allowed, one not; nothing of either is answered.
          refusedWholly(
            await harness.execute(
              `{ a: ${fact.name}(${period}, ${filter(mine)}) ${cells(fact, measure)} b: ${fact.name}(${period}, ${filter(other)}) ${cells(fact, measure)} }`,
              { principal: scoped },
            ),
            what('aliases'),
          );
          // A fragment (and a variable) carrying the other entity.
          refusedWholly(
            await harness.execute(
              `query ($codes: [String!]) { ...Probe } fragment Probe on Query { ${fact.name}(${period}, filter: { ${entityFilter(fact)}: $codes }) ${cells(fact, measure)} }`,
              { principal: scoped, variables: { codes: [other] } },
            ),
            what('fragment'),
          );
          // Grouped by entity, with the cell link: only its own entity comes back.
          const grouped = await harness.execute(
            `{ ${fact.name}(${period}, groupBy: [${fact.entityDimension}]) ${cells(fact, `${entityField(fact)} entity { code } ${measure}`)} }`,
            { principal: scoped },
          );
          expect([what('groupBy'), grouped.errors]).toEqual([what('groupBy'), undefined]);
          const list = cellList(fact, grouped.data?.[fact.name]);
          for (const cell of list) {
            expect([what('groupBy'), cell[entityField(fact)]]).toEqual([what('groupBy'), mine]);
            expect([what('link'), cell.entity]).toEqual([what('link'), { code: mine }]);
          }
          seenMine += list.length;
          // Unfiltered: the same figure as filtering on its own entity (the scope is applied).
          const all = await harness.execute(`{ ${fact.name}(${period}) ${cells(fact, measure)} }`, {
            principal: scoped,
          });
          const own = await harness.execute(
            `{ ${fact.name}(${period}, ${filter(mine)}) ${cells(fact, measure)} }`,
            { principal: scoped },
          );
          expect([what('total'), all.data]).toEqual([what('total'), own.data]);
          // Nested edge: the other entity's cell is a FORBIDDEN null, its own is answered.
          if (fact.nestedUnder?.includes(fact.entityDimension as string)) {
            const nested = await harness.execute(
              `{ entities(codes: ["${mine}", "${other}"]) { code ${fact.name}(${period}) { ${measure} } } }`,
              { principal: scoped },
            );
            const entities = nested.data?.entities as Record<string, unknown>[];
            expect([what('nested'), entities.find((e) => e.code === other)?.[fact.name]]).toEqual([
              what('nested'),
              null,
            ]);
            expect([what('nested'), nested.errors?.map((e) => e.extensions?.code)]).toEqual([
              what('nested'),
              ['FORBIDDEN'],
            ]);
          }
        }
      }
      expect(seenMine).toBeGreaterThan(0);
    });

    it('keeps scoped row lists inside their entities', async () => {
      const lists: [Role, string, string][] = [
        [Role.HR, 'staffRecords', 'entityCode'],
        [Role.HR, 'jobOpenings', 'entityCode'],
        [Role.CONDUCT, 'conductCases', 'entityCode'],
      ];
      for (const [role, field, entity] of lists) {
        const scoped: Principal = { role, entityScope: [mine] };
        refusedWholly(
          await harness.execute(
            `{ ${field}(first: 5, filter: { entityCodes: ["${other}"] }) { nodes { ${entity} } } }`,
            { principal: scoped },
          ),
          `${field} filter`,
        );
        const page = await harness.execute(
          `{ ${field}(first: 500) { totalCount nodes { ${entity} } } }`,
          {
            principal: scoped,
          },
        );
        const nodes = (page.data?.[field] as { nodes: Record<string, unknown>[] }).nodes;
        expect(nodes.length).toBeGreaterThan(0);
        expect(new Set(nodes.map((n) => n[entity]))).toEqual(new Set([mine]));
      }
    });
  },
);

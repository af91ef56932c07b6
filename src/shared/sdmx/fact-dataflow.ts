import type { DimensionDefinition, FactDefinition } from '../facts';
import {
  CONF_STATUS,
  CROSS_DOMAIN_DIMENSIONS,
  FREQ,
  OBS_STATUS,
  TIME_PERIOD,
  UNIT_MEASURE,
  UNIT_MULT,
  hubCodelist,
  hubConcept,
  humanize,
  type CodelistDefinition,
  type ComponentDefinition,
  type CrossDomainDimension,
  type DataflowDefinition,
  type Unit,
  TOTAL,
} from './model';

/** A key dimension's codelist with the total `_T` as its last code. */
function withTotal(codelist: CodelistDefinition): CodelistDefinition {
  const { source } = codelist;
  const add = (codes: readonly { id: string; name: string }[]) =>
    codes.some((c) => c.id === TOTAL.id) ? [...codes] : [...codes, TOTAL];
  return {
    ...codelist,
    source:
      source.kind === 'fixed'
        ? { kind: 'fixed', codes: add(source.codes) }
        : { ...source, read: (data) => add(source.read(data)) },
  };
}

/** A dimension of a fact as a dataflow publishes it. */
export type FactDataflowDimension<D extends string> =
  | D
  /** Published as a cross-domain concept (its codelist too): GENDER as SEX. */
  | { dimension: D; as: CrossDomainDimension }
  /** A string dimension with no dimension table: its codelist is given. */
  | { dimension: D; id?: string; codelist: CodelistDefinition };

export interface FactDataflowSpec<D extends string, M extends string> {
  id: string;
  name: string;
  description: string;
  categories: readonly string[];
  /** Key dimensions in order; the fact's period is always added last, as TIME_PERIOD. */
  dimensions: readonly FactDataflowDimension<NoInfer<D>>[];
  /** The measure published as OBS_VALUE, or several measures told apart by a dimension. */
  measure: NoInfer<M> | { id: string; name: string; codes: Readonly<Record<string, NoInfer<M>>> };
  unit: Unit;
}

/** Codes of a dimension as the fact declares it: its enum, or its dimension table's list. */
function codelistOf(sdmxId: string, dimension: DimensionDefinition): CodelistDefinition {
  if (dimension.type.kind === 'enum') {
    const codes = Object.keys(dimension.type.values).map((id) => ({ id, name: humanize(id) }));
    return hubCodelist(`CL_${sdmxId}`, dimension.description, { kind: 'fixed', codes });
  }
  const list = dimension.link?.list;
  if (dimension.link && list) {
    const { key } = dimension.link;
    const label = list.label;
    return hubCodelist(`CL_${sdmxId}`, dimension.description, {
      kind: 'query',
      selection: `${list.field} { ${key}${label === key ? '' : ` ${label}`} }`,
      read: (data) =>
        (data as Record<string, string>[]).map((row) => ({ id: row[key], name: row[label] })),
    });
  }
  throw new Error(
    `dataflow dimension ${sdmxId}: a ${dimension.type.kind} dimension without a dimension table needs a codelist`,
  );
}

/**
 * A dataflow over a fact: the dimensions' concepts and codelists come from the fact's
 * declaration (enums, dimension tables, cross-domain concepts), the query from its GraphQL
 * field, the observation status from its disclosure (E perturbed, C suppressed). A wrong
 * dimension or measure name is a compile error.
 */
export function factDataflow<D extends string, M extends string>(
  fact: FactDefinition<D, M>,
  spec: FactDataflowSpec<D, M>,
): DataflowDefinition {
  const keyDimensions = spec.dimensions.map((entry) => {
    const name = typeof entry === 'string' ? entry : entry.dimension;
    const definition: DimensionDefinition = fact.dimensions[name];
    let component: ComponentDefinition;
    let code: (value: unknown) => string = (value) => String(value);
    if (typeof entry !== 'string' && 'as' in entry) {
      const cross = CROSS_DOMAIN_DIMENSIONS[entry.as];
      component = { id: entry.as, concept: cross.concept, codelist: withTotal(cross.codelist) };
      // An enum's GraphQL value (FEMALE) is published as the code the enum holds (F).
      const type = definition.type;
      if (type.kind === 'enum') code = (value) => type.values[String(value)] ?? String(value);
    } else {
      const id = typeof entry === 'string' ? name : (entry.id ?? name);
      component = {
        id,
        concept: hubConcept(id, definition.description),
        codelist: withTotal(
          typeof entry === 'string' ? codelistOf(id, definition) : entry.codelist,
        ),
      };
    }
    return { component, name, field: definition.field, code };
  });
  const periodField = fact.dimensions[fact.period].field;
  const { measure } = spec;
  // Each published measure, with its code when a dimension tells several apart.
  const published: readonly { code: string | null; field: M }[] =
    typeof measure === 'string'
      ? [{ code: null, field: measure }]
      : Object.entries<M>(measure.codes).map(([code, field]) => ({ code, field }));
  const measureFields = published.map((p) => p.field);
  const measureDimension: ComponentDefinition[] =
    typeof measure === 'string'
      ? []
      : [
          {
            id: measure.id,
            concept: hubConcept(measure.id, measure.name),
            codelist: hubCodelist(`CL_${measure.id}`, measure.name, {
              kind: 'fixed',
              codes: published.map((p) => ({ id: String(p.code), name: humanize(String(p.code)) })),
            }),
          },
        ];
  const grouped = (totals: ReadonlySet<string>) =>
    keyDimensions.filter((d) => !totals.has(d.component.id));
  const cellsOf = (data: Record<string, unknown>) => {
    const answer = data[fact.name] as
      Record<string, unknown>[] | { cells: Record<string, unknown>[] };
    return Array.isArray(answer) ? answer : answer.cells;
  };
  return {
    id: spec.id,
    fact: fact.name,
    name: spec.name,
    description: spec.description,
    categories: spec.categories,
    dimensions: [...keyDimensions.map((d) => d.component), ...measureDimension, TIME_PERIOD],
    attributes: [FREQ, UNIT_MEASURE, UNIT_MULT, OBS_STATUS, CONF_STATUS],
    totals: keyDimensions.map((d) => d.component.id),
    query(totals) {
      const dimensions = grouped(totals);
      const fields = [
        ...new Set([
          ...dimensions.map((d) => d.field),
          periodField,
          ...measureFields,
          'suppressed',
          'suppressionReason',
          'disclosure',
        ]),
      ].join(' ');
      const selection = fact.wrapCells ? `{ cells { ${fields} } }` : `{ ${fields} }`;
      const groupBy = [...dimensions.map((d) => d.name), fact.period].join(', ');
      return `query Sdmx_${spec.id} { ${fact.name}(groupBy: [${groupBy}]) ${selection} }`;
    },
    observations(data, totals) {
      const dimensions = grouped(totals);
      return cellsOf(data).flatMap((cell) => {
        // A cell outside the grouping (an entity the caller may not see) has no code.
        if (dimensions.some((d) => cell[d.field] === null || cell[d.field] === undefined))
          return [];
        const key = keyDimensions.map((d) =>
          totals.has(d.component.id) ? TOTAL.id : d.code(cell[d.field]),
        );
        const status = cell.disclosure === 'PERTURBED' ? 'E' : 'A';
        return published.map(({ code, field }) => {
          const value = cell[field];
          // A value disclosure control hides (the cell, or this measure with a reason) is
          // confidential; a value that does not exist (a share of nobody) is only missing.
          const hidden =
            cell.suppressed === true || (value === null && cell.suppressionReason != null);
          return {
            key: [...key, ...(code === null ? [] : [code]), String(cell[periodField])],
            value: hidden || typeof value !== 'number' ? null : value,
            // SDMX's codes: A normal, E estimated (noise added); F free, C confidential.
            attributes: ['A', spec.unit, '0', status, hidden ? 'C' : 'F'],
          };
        });
      });
    },
  };
}

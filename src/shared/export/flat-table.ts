import { stringify } from 'csv-stringify/sync';
import {
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { spreadsheetSafe } from './spreadsheet-safe';

/** One column of a flat answer: its name (`latest.value`) and the response path to its value. */
interface Column {
  name: string;
  path: readonly string[];
}

/**
 * How a query's answer becomes a table, fixed by the query and the schema, never by the data:
 * the rows are the first root field's list (or its `cells`, or the field itself), and the
 * columns are the leaves of its selection set in selection order, nested objects joined with
 * dots. A null object gives its columns empty, a list of values is one column (JSON text).
 * Power Query and Grafana fix a table's schema from its first rows: these do not change.
 */
export interface FlatShape {
  /** The response key of the root field whose rows these are. */
  root: string;
  /** Whether the rows are the root's `cells` (an aggregate with a summary around its cells). */
  cells: boolean;
  columns: readonly Column[];
}

type Row = Record<string, unknown>;

function fieldOf(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | null {
  if (!('getFields' in type)) return null; // a union has no fields but __typename
  return type.getFields()[name] ?? null;
}

/** The leaf columns under a selection set of `type`, with `prefix` before their names. */
function columnsUnder(
  schema: GraphQLSchema,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  type: GraphQLCompositeType,
  selections: SelectionSetNode,
  prefix: readonly string[],
  into: Column[],
): void {
  for (const selection of selections.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = fragments.get(selection.name.value);
      if (fragment) columnsUnder(schema, fragments, type, fragment.selectionSet, prefix, into);
      continue;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition
        ? schema.getType(selection.typeCondition.name.value)
        : type;
      if (on && isCompositeType(on))
        columnsUnder(schema, fragments, on, selection.selectionSet, prefix, into);
      continue;
    }
    const key = selection.alias?.value ?? selection.name.value;
    const path = [...prefix, key];
    const field =
      selection.name.value === '__typename' ? null : fieldOf(type, selection.name.value);
    const inner = field ? getNullableType(field.type) : null;
    const named = field ? getNamedType(field.type) : null;
    if (selection.selectionSet && inner && !isListType(inner) && named && isCompositeType(named)) {
      columnsUnder(schema, fragments, named, selection.selectionSet, path, into);
    } else if (!into.some((column) => column.name === path.join('.'))) {
      into.push({ name: path.join('.'), path });
    }
  }
}

/** The table shape of an operation's answer (see FlatShape); null when it selects nothing. */
export function flatShape(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): FlatShape | null {
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const rootType = schema.getQueryType();
  const first = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  if (!rootType || !first || first.kind !== Kind.FIELD) return null;
  const field = fieldOf(rootType, first.name.value);
  const root = first.alias?.value ?? first.name.value;
  if (!field || !first.selectionSet)
    return { root, cells: false, columns: [{ name: root, path: [] }] };
  const named = getNamedType(field.type);
  if (!isCompositeType(named)) return { root, cells: false, columns: [{ name: root, path: [] }] };
  // An aggregate answered as a summary around its cells (`engagement { cells { ... } }`).
  if (!isListType(getNullableType(field.type))) {
    const cells = first.selectionSet.selections.find(
      (s) => s.kind === Kind.FIELD && (s.alias?.value ?? s.name.value) === 'cells',
    );
    const cellsField = cells?.kind === Kind.FIELD ? fieldOf(named, cells.name.value) : null;
    const cellType = cellsField ? getNamedType(cellsField.type) : null;
    if (cells?.kind === Kind.FIELD && cells.selectionSet && cellType && isCompositeType(cellType)) {
      const columns: Column[] = [];
      columnsUnder(schema, fragments, cellType, cells.selectionSet, [], columns);
      return { root, cells: true, columns };
    }
  }
  const columns: Column[] = [];
  columnsUnder(schema, fragments, named, first.selectionSet, [], columns);
  return { root, cells: false, columns };
}

const at = (item: unknown, path: readonly string[]): unknown => {
  let value = item;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    value = (value as Row)[key];
  }
  return value === undefined ? null : value;
};

/** The rows of an answer in its shape: every row has every column, in order (null when absent). */
export function flatRows(
  shape: FlatShape,
  data: Record<string, unknown> | null | undefined,
): Row[] {
  const root = data ? data[shape.root] : null;
  const items: unknown[] = shape.cells
    ? root && typeof root === 'object' && Array.isArray((root as Row).cells)
      ? ((root as Row).cells as unknown[])
      : []
    : Array.isArray(root)
      ? root
      : root === null || root === undefined
        ? []
        : [root];
  return items.map((item) => {
    const row: Row = {};
    for (const column of shape.columns) {
      const value = at(item, column.path);
      row[column.name] =
        value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
    }
    return row;
  });
}

/**
 * RFC 4180 CSV with a header row of the shape's columns, every text cell spreadsheet-safe: the
 * one CSV writer of the hub's flat answers (`/api/<name>`, `/graphql` as `text/csv`).
 */
export function toCsv(shape: FlatShape, rows: readonly Row[]): string {
  const names = shape.columns.map((column) => column.name);
  return stringify(
    rows.map((row) => names.map((name) => row[name] ?? null)),
    {
      header: true,
      columns: names,
      record_delimiter: '\r\n',
      cast: {
        string: spreadsheetSafe,
        boolean: (value) => (value ? 'true' : 'false'),
      },
    },
  );
}

import { isObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { buildAppSchema, fieldsReadPastTheirChecks } from '../../src/server/schema';
import { createCatalog } from '../../src/shared/modules/catalog';

describe('server > field resolution', () => {
  it('reads the hub’s plain fields as properties, and no such field has a check of its own', async () => {
    const schema = await buildAppSchema(createCatalog(DATASET_MODULES));
    // graphql-js's default resolver: no type-graphql wrapper per field of a row or a cell.
    const staffYear = schema.getType('StaffYear');
    if (!isObjectType(staffYear)) throw new Error('StaffYear is not an object type');
    expect(staffYear.getFields().entityCode.resolve).toBeUndefined();
    const cell = schema.getType('WorkforceCell');
    if (!isObjectType(cell)) throw new Error('WorkforceCell is not an object type');
    expect(cell.getFields().headcount.resolve).toBeUndefined();
    expect(fieldsReadPastTheirChecks(getMetadataStorage())).toEqual([]);
  });

  it('finds a field whose own roles or middleware a plain read would skip, not a field resolver’s', () => {
    class Row {}
    const field = (name: string, checks: { roles?: string[]; middlewares?: unknown[] }) => ({
      target: Row,
      name,
      middlewares: [],
      ...checks,
    });
    const storage = {
      objectTypes: [
        {
          name: 'Row',
          simpleResolvers: true,
          fields: [
            field('salary', { roles: ['HR'] }),
            field('logged', { middlewares: [() => undefined] }),
            field('resolved', { roles: ['HR'] }),
            field('plain', {}),
          ],
        },
        { name: 'Wrapped', fields: [{ ...field('own', { roles: ['HR'] }), target: class {} }] },
      ],
      fieldResolvers: [{ methodName: 'resolved', getObjectType: () => Row }],
    };
    expect(fieldsReadPastTheirChecks(storage)).toEqual(['Row.salary', 'Row.logged']);
  });
});

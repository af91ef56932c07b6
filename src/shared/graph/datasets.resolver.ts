import {
  Arg,
  Ctx,
  Field,
  Float,
  GraphQLISODateTime,
  Int,
  ObjectType,
  Query,
  Resolver,
  registerEnumType,
} from 'type-graphql';
import type { RequestContext } from './context';
import { NotFoundError } from '../errors';
import { readDatasetStates } from '../loading';
import { type DatasetState, type PartState, describeLoad, LoadOperation } from '../versions';

registerEnumType(LoadOperation, {
  name: 'LoadOperation',
  description: 'How data was loaded: SEED (generated), IMPORT (merged from a file), REPLACE.',
});

@ObjectType('DatasetPart', {
  simpleResolvers: true,
  description: 'One importable table of a dataset and the load that gave it its current rows.',
})
class DatasetPartView {
  @Field({ description: 'Importer name (`reformgraph import <importer>`).' })
  importer!: string;

  @Field()
  table!: string;

  @Field({ description: 'Where the rows come from, in words.' })
  source!: string;

  @Field(() => Int, { nullable: true, description: 'Dataset version of the latest load.' })
  version!: number | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  loadedAt!: Date | null;

  @Field(() => LoadOperation, { nullable: true })
  operation!: LoadOperation | null;

  @Field(() => Boolean, { nullable: true })
  synthetic!: boolean | null;

  @Field(() => String, { nullable: true, description: 'Generator seed, for generated data.' })
  seed!: string | null;

  @Field(() => Float, { nullable: true, description: 'Generator scale, for generated data.' })
  scale!: number | null;

  @Field(() => String, { nullable: true })
  fileName!: string | null;

  @Field(() => String, { nullable: true, description: 'sha256 of the loaded CSV file.' })
  checksum!: string | null;

  @Field(() => Int, { nullable: true, description: 'Rows in the table after the load.' })
  rowCount!: number | null;
}

@ObjectType('Dataset', {
  simpleResolvers: true,
  description:
    'A dataset of the hub with its current version and provenance. Every response that read data ' +
    'lists the versions it was computed from in `extensions.datasets`.',
})
class DatasetView {
  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Grows by one with every load that changes the dataset; null if none recorded.',
  })
  version!: number | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  loadedAt!: Date | null;

  @Field({ description: 'Where the data comes from; "mixed: ..." when parts differ.' })
  source!: string;

  @Field({ description: 'Whether any part holds synthetic (generated) data.' })
  synthetic!: boolean;

  @Field(() => Int, { nullable: true })
  rowCount!: number | null;

  @Field(() => [DatasetPartView])
  parts!: DatasetPartView[];
}

const partView = (part: PartState): DatasetPartView => ({
  importer: part.importer,
  table: part.table,
  source: describeLoad(part.load),
  version: part.load?.version ?? null,
  loadedAt: part.load ? new Date(part.load.loadedAt) : null,
  operation: part.load?.operation ?? null,
  synthetic: part.load?.synthetic ?? null,
  seed: part.load?.seed ?? null,
  scale: part.load?.scale ?? null,
  fileName: part.load?.fileName ?? null,
  checksum: part.load?.checksum ?? null,
  rowCount: part.load?.rowCount ?? null,
});

const datasetView = (state: DatasetState): DatasetView => ({
  ...state,
  loadedAt: state.loadedAt ? new Date(state.loadedAt) : null,
  parts: state.parts.map(partView),
});

/** Every dataset's state: load history, which no dataset version covers, so never cached. */
const datasetStates = (ctx: RequestContext) =>
  ctx.data.unversioned('dataset loads', (db) => readDatasetStates(db, ctx.catalog));

@Resolver()
export class DatasetsResolver {
  @Query(() => [DatasetView], { description: 'Every dataset, its version and provenance.' })
  async datasets(@Ctx() ctx: RequestContext): Promise<DatasetView[]> {
    return (await datasetStates(ctx)).map(datasetView);
  }

  @Query(() => DatasetView, { description: 'One dataset by name; NOT_FOUND if there is none.' })
  async dataset(@Ctx() ctx: RequestContext, @Arg('name') name: string): Promise<DatasetView> {
    const state = (await datasetStates(ctx)).find((s) => s.name === name);
    if (!state) throw new NotFoundError(`Dataset ${name} not found.`);
    return datasetView(state);
  }
}

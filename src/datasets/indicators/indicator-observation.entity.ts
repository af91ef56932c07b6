import { Indicator } from './indicator.entity';
import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

export enum Qualifier {
  EXACT = 'exact',
  MORE_THAN = 'more-than',
  LESS_THAN = 'less-than',
  ABOUT = 'about',
  AT_LEAST = 'at-least',
  UP_TO = 'up-to',
  TO_DATE = 'to-date',
  PEAK = 'peak',
  LOWEST = 'lowest',
}
registerEnumType(Qualifier, {
  name: 'Qualifier',
  description: 'How the text qualifies the figure ("more than", "about", "to date", "peak", ...).',
});

@ObjectType({
  simpleResolvers: true,
  description: 'Where a figure is published.',
})
export class Source {
  @Field({ description: 'Document symbol, e.g. A/77/590/Add.1.' })
  document!: string;

  @Field({ description: 'Paragraph number, as in the document.' })
  paragraph!: string;

  @Field({ description: 'The sentence fragment holding the figure, verbatim (original language).' })
  quote!: string;
}

/** One published figure of an indicator for one period. */
@ObjectType('Observation', {
  simpleResolvers: true,
  description: 'One published figure of an indicator.',
})
@Entity({ name: 'ind_observation' })
export class IndicatorObservation {
  @ForeignKey(() => Indicator, (i: Indicator) => i.code)
  @PrimaryColumn({ name: 'indicator_code', type: 'varchar', length: 96 })
  indicatorCode!: string;

  @Field({
    description:
      'Period the figure refers to: a year (2021), a date (2022-10-28) or month (2022-01), or a span (2017/2021).',
  })
  @PrimaryColumn({ type: 'varchar', length: 16 })
  period!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  document!: string;

  @Field(() => Float)
  @Column({ type: 'double' })
  value!: number;

  @Field(() => Qualifier)
  @Column({ type: 'varchar', length: 16 })
  qualifier!: Qualifier;

  @Field({ description: 'True when the text gives the figure only as a change from another one.' })
  @Column({ type: 'boolean' })
  derived!: boolean;

  @Field(() => String, { nullable: true, description: 'The arithmetic behind a derived figure.' })
  @Column({ type: 'varchar', length: 512, nullable: true })
  derivation!: string | null;

  @Column({ type: 'varchar', length: 16 })
  paragraph!: string;

  @Column({ type: 'varchar', length: 255 })
  quote!: string;
}

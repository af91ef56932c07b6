import {
  csv,
  enumValues,
  type DatasetImporter,
  type RowIssue,
  endDateIssues,
} from '../../shared/import';
import { ConductCase } from './conduct-case.entity';
import {
  CaseOutcome,
  CaseStatus,
  DisciplinaryMeasureType,
  MisconductCategory,
  ReferralSource,
} from './conduct.enums';
import { DisciplinaryMeasure } from './disciplinary-measure.entity';

export const CASES_IMPORTER: DatasetImporter<ConductCase> = {
  name: 'conduct-cases',
  description: 'Conduct and discipline: one row per case referred for disciplinary review.',
  target: ConductCase,
  key: ['caseId'],
  recordKey: 'recordKey',
  columns: {
    case_id: {
      property: 'caseId',
      schema: csv.code(24),
      description: 'Case reference',
      example: 'C2021-0042',
    },
    entity_code: {
      property: 'entityCode',
      schema: csv.code(32),
      description: 'Entity code',
      example: 'UNMISS',
    },
    received_on: {
      property: 'receivedOn',
      schema: csv.date(),
      description: 'Date received',
      example: '2021-03-15',
    },
    closed_on: {
      property: 'closedOn',
      schema: csv.optional(csv.date()),
      description: 'Date closed; empty while open',
      example: '2021-11-02',
    },
    category: {
      property: 'category',
      schema: csv.enumValue(MisconductCategory),
      description: enumValues(MisconductCategory),
      example: 'FRAUD_AND_FINANCIAL',
    },
    status: {
      property: 'status',
      schema: csv.enumValue(CaseStatus),
      description: 'OPEN or CLOSED',
      example: 'CLOSED',
    },
    outcome: {
      property: 'outcome',
      schema: csv.optional(csv.enumValue(CaseOutcome)),
      description: `${enumValues(CaseOutcome)}; empty while open`,
      example: 'DISCIPLINARY_MEASURE',
    },
    referral_source: {
      property: 'referralSource',
      schema: csv.enumValue(ReferralSource),
      description: enumValues(ReferralSource),
      example: 'OIOS',
    },
  },
  async check(_db, rows) {
    const issues: RowIssue[] = [];
    for (const { line, value } of rows) {
      const closed = value.status === CaseStatus.CLOSED;
      issues.push(
        ...endDateIssues(
          line,
          { column: 'closed_on', value: value.closedOn },
          { column: 'received_on', value: value.receivedOn },
          { is: closed, status: CaseStatus.CLOSED },
        ),
      );
      if (closed !== (value.outcome !== null)) {
        issues.push({ line, column: 'outcome', message: 'must be given exactly when CLOSED' });
      }
    }
    return issues;
  },
};

export const MEASURES_IMPORTER: DatasetImporter<DisciplinaryMeasure> = {
  name: 'disciplinary-measures',
  description: 'Conduct and discipline: one row per disciplinary measure imposed in a case.',
  target: DisciplinaryMeasure,
  key: ['measureId'],
  recordKey: 'recordKey',
  columns: {
    measure_id: {
      property: 'measureId',
      schema: csv.code(24),
      description: 'Measure reference',
      example: 'M2021-0042-1',
    },
    case_id: {
      property: 'caseId',
      schema: csv.code(24),
      description: 'The case (from conduct-cases)',
      example: 'C2021-0042',
    },
    entity_code: {
      property: 'entityCode',
      schema: csv.code(32),
      description: "The case's entity",
      example: 'UNMISS',
    },
    imposed_on: {
      property: 'imposedOn',
      schema: csv.date(),
      description: 'Date imposed',
      example: '2021-11-02',
    },
    measure_type: {
      property: 'measureType',
      schema: csv.enumValue(DisciplinaryMeasureType),
      description: enumValues(DisciplinaryMeasureType),
      example: 'WRITTEN_CENSURE',
    },
  },
};

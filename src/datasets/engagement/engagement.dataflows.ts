import { factDataflow, hubCodelist, type SdmxDeclaration } from '../../shared/sdmx';
import { ENGAGEMENT } from './engagement.fact';

/** The survey's favourable shares by question and wave, as an SDMX dataflow over its fact. */
export const ENGAGEMENT_SDMX: SdmxDeclaration = {
  dataflows: [
    factDataflow(ENGAGEMENT, {
      id: 'ENGAGEMENT_FAVOURABLE',
      name: 'Staff engagement survey: favourable answers by question',
      description:
        'Share of answers of 4 or 5 on the 1-5 scale, by question and wave (the wave is the time period). Protected by the survey’s disclosure control.',
      categories: ['ENABLERS'],
      dimensions: [
        {
          dimension: 'QUESTION',
          id: 'SURVEY_QUESTION',
          codelist: hubCodelist('CL_SURVEY_QUESTION', 'Questions of the staff engagement survey', {
            kind: 'query',
            selection: 'engagementWaves { questions { code text } }',
            read(data) {
              const questions = new Map<string, string>();
              for (const wave of data as { questions: { code: string; text: string }[] }[])
                for (const q of wave.questions)
                  if (!questions.has(q.code)) questions.set(q.code, q.text);
              return [...questions].map(([id, name]) => ({ id, name }));
            },
          }),
        },
      ],
      measure: 'favourable',
      unit: 'PT',
    }),
  ],
};

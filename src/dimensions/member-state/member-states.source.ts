import countries from 'world-countries';

export interface MemberStateRow {
  iso3: string;
  name: string;
  regionalGroup: string;
  region: string;
  subregion: string;
}

/**
 * The 193 member states from the maintained `world-countries` package. Its `unMember` flag is
 * also set for the Holy See (an observer), which has no regional group, so membership of a
 * regional group is what decides.
 */
export function memberStatesFromPackage(): MemberStateRow[] {
  return countries
    .filter((c) => c.unMember && c.unRegionalGroup)
    .map((c) => ({
      iso3: c.cca3,
      name: c.name.common,
      regionalGroup: c.unRegionalGroup,
      region: c.region,
      subregion: c.subregion,
    }))
    .sort((a, b) => a.iso3.localeCompare(b.iso3));
}

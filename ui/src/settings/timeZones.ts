/**
 * Groups IANA time zone names by region ("Europe/Paris" under "Europe") for the
 * searchable select. Names without a region (UTC) go under a translated "Other".
 * The current value is always offered, even if the list is empty or lacks it, so the
 * select can show it.
 */
export interface ZoneGroup {
  group: string;
  items: string[];
}

export function groupTimeZones(zones: readonly string[], current: string, otherLabel: string): ZoneGroup[] {
  const all = new Set(zones);
  if (current) all.add(current);

  const groups = new Map<string, string[]>();
  for (const zone of all) {
    const slash = zone.indexOf("/");
    const region = slash > 0 ? zone.slice(0, slash) : otherLabel;
    const items = groups.get(region) ?? [];
    items.push(zone);
    groups.set(region, items);
  }

  return [...groups.entries()]
    .sort(([a], [b]) => (a === otherLabel ? 1 : b === otherLabel ? -1 : a.localeCompare(b)))
    .map(([group, items]) => ({ group, items: items.sort((a, b) => a.localeCompare(b)) }));
}

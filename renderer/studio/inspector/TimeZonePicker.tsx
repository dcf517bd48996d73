/**
 * Session 49 (studio17, newcomer s47 N7): a time zone chosen from a list with search. The field was a text box with the
 * browser's <datalist>, which shows nothing on a click once a zone is in the box, so it read as free text ("the block's
 * Time zone is a text field"). Now a click, ArrowDown or typing opens the zones this computer knows
 * (Intl.supportedValuesOf('timeZone')), each with its offset from UTC now; typing filters them by any part of the name
 * ("york", "new york", "buenos") or by the offset ("+5:30"). A zone typed in full still works.
 */
import { VariablePicker } from './VariablePicker';

/**
 * Session 50 (studio18, hostile s50 L5): zones renamed by the IANA database that Chromium's and Node's ICU still list
 * by their former name (Asia/Calcutta for Asia/Kolkata): "Kolkata", "Kyiv", "Ho Chi Minh", "Yangon" found nothing. The
 * list shows today's name (when this computer accepts it) and a search finds a zone by either name.
 */
export const RENAMED_ZONES: Readonly<Record<string, string>> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Europe/Kiev': 'Europe/Kyiv',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
};
const formerName = new Map<string, string>(Object.entries(RENAMED_ZONES).map(([old, now]) => [now, old]));

function accepted(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

let zones: string[] | null = null;
/** The IANA zones this computer knows, UTC first when the list lacks it; renamed zones by today's name. */
export function timeZones(): string[] {
  if (!zones) {
    try {
      zones = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone').map((z) => (RENAMED_ZONES[z] && accepted(RENAMED_ZONES[z]) ? RENAMED_ZONES[z] : z));
      zones = [...new Set(zones)];
      if (!zones.includes('UTC')) zones = ['UTC', ...zones];
    } catch {
      zones = ['UTC'];
    }
  }
  return zones;
}

const offsets = new Map<string, string>();
/** "UTC+1", "UTC-3:30", "UTC" (the zone's offset now; '' when this computer cannot say). */
export function zoneOffset(zone: string, now: Date = new Date()): string {
  const hit = offsets.get(zone);
  if (hit !== undefined) return hit;
  let text = '';
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(now).find((p) => p.type === 'timeZoneName')?.value ?? '';
    text = name.replace(/^GMT/, 'UTC');
  } catch {
    text = '';
  }
  offsets.set(zone, text);
  return text;
}

const plain = (s: string) => s.toLowerCase().replace(/[_\s/]+/g, ' ').trim();

/** The zones the list shows for `text`: all when it is empty or a zone exactly; else those whose name or offset holds it. */
export function zoneMatches(text: string, options: readonly string[]): string[] {
  const t = plain(text);
  if (t === '' || options.some((o) => plain(o) === t)) return [...options];
  const offset = /^(?:utc|gmt)?\s*[+-]\d/.test(t) ? t.replace(/^(?:utc|gmt)\s*/, '').replace(/:00$/, '').replace(/^([+-])0(\d)/, '$1$2') : null;
  const former = (o: string) => formerName.get(o) ?? Object.entries(RENAMED_ZONES).find(([old]) => old === o)?.[1];
  const named = (o: string) => plain(o).includes(t) || (former(o) !== undefined && plain(former(o)!).includes(t));
  const hits = options.filter((o) => named(o) || (offset !== null && zoneOffset(o).toLowerCase() === `utc${offset}`));
  // Cities that start with the text first ("par" → Europe/Paris before America/Paramaribo's neighbours).
  const city = (o: string) => {
    const names = [o, former(o) ?? o].map((n) => plain(n.slice(n.lastIndexOf('/') + 1)));
    return names.find((n) => n.startsWith(t)) ?? names[0]!;
  };
  return [...hits.filter((o) => city(o).startsWith(t)), ...hits.filter((o) => !city(o).startsWith(t))];
}

export interface TimeZonePickerProps {
  value: string;
  onChange(text: string): void;
  id?: string;
  placeholder?: string;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

export function TimeZonePicker(props: TimeZonePickerProps) {
  return (
    <VariablePicker
      {...props}
      className="st-zone-picker"
      options={timeZones()}
      listLabel="Time zones"
      matches={zoneMatches}
      optionLabel={(zone) => (
        <>
          <span>{zone.replace(/_/g, ' ')}</span>
          <span className="st-zone-offset">{zoneOffset(zone)}</span>
        </>
      )}
    />
  );
}

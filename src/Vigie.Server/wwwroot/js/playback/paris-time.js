// Instants as the console shows them: Europe/Paris, 24-hour clock (docs: UI.md).

const parisParts = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

function partsOf(ms) {
  const parts = {};
  for (const part of parisParts.formatToParts(new Date(ms))) parts[part.type] = part.value;
  return parts;
}

// dd/MM/yyyy HH:mm:ss.mmm with seconds; dd/MM HH:mm with the date only; else HH:mm.
export function formatParis(ms, withSeconds, withDate) {
  const p = partsOf(ms);
  if (withSeconds) {
    const millis = String(Math.floor(((ms % 1000) + 1000) % 1000)).padStart(3, '0');
    return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}:${p.second}.${millis}`;
  }
  return withDate ? `${p.day}/${p.month} ${p.hour}:${p.minute}` : `${p.hour}:${p.minute}`;
}

// Midnight in Paris of the day containing ms (23- and 25-hour days included).
export function parisMidnight(ms) {
  const p = partsOf(ms);
  const guess = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day));
  for (const offsetHours of [-1, -2, 0]) {
    const candidate = guess + offsetHours * 3600e3;
    const q = partsOf(candidate);
    if (q.hour === '00' && q.minute === '00' && q.day === p.day) return candidate;
  }
  return guess - 3600e3;
}

// HH:mm:ss, with the date in front when the instant is not on the Paris day of `referenceMs`.
export function formatMoment(ms, referenceMs) {
  const p = partsOf(ms);
  const r = partsOf(referenceMs);
  const time = `${p.hour}:${p.minute}:${p.second}`;
  return p.year === r.year && p.month === r.month && p.day === r.day ? time : `${p.day}/${p.month}/${p.year} ${time}`;
}

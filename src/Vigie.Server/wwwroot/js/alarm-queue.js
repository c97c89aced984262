// The alarm queue's sound: a short two-tone chime for a new P1 or P2 alarm, muted per console (this browser).
const key = 'vigie.alarms.muted';
let context;

export function isMuted() {
  return localStorage.getItem(key) === '1';
}

export function setMuted(muted) {
  localStorage.setItem(key, muted ? '1' : '0');
}

export function chime(priority) {
  if (isMuted()) {
    return false;
  }
  context ??= new AudioContext();
  const tones = priority <= 1 ? [880, 660, 880] : [660, 880];
  let at = context.currentTime;
  for (const frequency of tones) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.2, at);
    gain.gain.exponentialRampToValueAtTime(0.001, at + 0.25);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.25);
    at += 0.28;
  }
  document.documentElement.dataset.lastChime = String(Date.now());
  return true;
}

export function focus(element) {
  element?.focus({ preventScroll: false });
}

// The queue moves with ↑/↓ and takes with Entrée: those keys must not also scroll the page or press a button.
export function guardKeys(element) {
  element?.addEventListener('keydown', event => {
    if (event.target === element && ['ArrowUp', 'ArrowDown', 'Enter'].includes(event.key)) {
      event.preventDefault();
    }
  });
}

export function reveal(id) {
  document.getElementById(id)?.scrollIntoView({ block: 'nearest' });
}

// After a take, the keyboard goes on in the alarm's panel (its first choice).
export function focusPanel() {
  document.querySelector('.alarm-detail [data-autofocus]')?.focus();
}

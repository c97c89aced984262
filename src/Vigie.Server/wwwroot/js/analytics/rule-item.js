// One rule in the analytics rules editor's list: its title, and when selected its fields (name, objects,
// direction or dwell, crowd count, on/off) and actions. Edits change the editor's model in place.

import { el } from './dom.js';

export const WITH_CLASSES = new Set(['intrusion', 'line', 'loitering']);

export function ruleItem(editor, rule, index) {
  const L = editor.L;
  const item = el('li', 'analytics-rule');
  item.dataset.rule = rule.id ?? '';
  if (editor.isSelected('rules', index)) item.classList.add('selected');
  const title = el('button', 'rule-title', `${L.kinds[rule.kind] ?? rule.kind} — ${rule.name || rule.id}`);
  title.type = 'button';
  title.addEventListener('click', () => editor.select('rules', index));
  item.append(title);
  if (!editor.isSelected('rules', index)) return item;

  const fields = el('div', 'rule-fields');
  const field = (label, input) => {
    const wrap = el('label', 'rule-field');
    wrap.append(el('span', null, label), input);
    fields.append(wrap);
    return input;
  };
  const name = field(L.name, el('input'));
  name.value = rule.name ?? '';
  name.addEventListener('input', () => { rule.name = name.value; title.textContent = `${L.kinds[rule.kind] ?? rule.kind} — ${rule.name || rule.id}`; editor.showJson(); });

  if (WITH_CLASSES.has(rule.kind)) {
    const classes = el('fieldset', 'rule-classes');
    classes.append(el('legend', null, L.classes));
    for (const kind of ['person', 'vehicle', 'object']) {
      const label = el('label', 'inline');
      const box = el('input');
      box.type = 'checkbox';
      box.checked = (rule.classes ?? []).includes(kind);
      box.dataset.class = kind;
      box.addEventListener('change', () => {
        const chosen = new Set(rule.classes ?? []);
        if (box.checked) chosen.add(kind); else chosen.delete(kind);
        if (chosen.size === 0) delete rule.classes; else rule.classes = [...chosen];
        editor.showJson();
      });
      label.append(box, ` ${L.classNames[kind]}`);
      classes.append(label);
    }
    classes.append(el('small', 'notice', L.classesNone));
    fields.append(classes);
  }

  if (rule.kind === 'line') {
    const direction = field(L.direction, el('select'));
    for (const value of ['both', 'left-to-right', 'right-to-left']) {
      const option = el('option', null, L.directions[value]);
      option.value = value;
      direction.append(option);
    }
    direction.value = rule.direction ?? 'both';
    direction.addEventListener('change', () => { rule.direction = direction.value; editor.showJson(); editor.draw(); });
  } else {
    const dwell = field(rule.kind === 'intrusion' || rule.kind === 'crowd' ? L.dwellMinimum : L.dwell, el('input'));
    dwell.type = 'number';
    dwell.min = '0';
    dwell.step = '1';
    dwell.value = rule.dwellSeconds ?? '';
    dwell.dataset.field = 'dwellSeconds';
    dwell.addEventListener('input', () => { if (dwell.value === '') delete rule.dwellSeconds; else rule.dwellSeconds = Number(dwell.value); editor.showJson(); });
  }

  if (rule.kind === 'crowd') {
    const count = field(L.count, el('input'));
    count.type = 'number';
    count.min = '1';
    count.value = rule.count ?? '';
    count.dataset.field = 'count';
    count.addEventListener('input', () => { rule.count = Number(count.value); editor.showJson(); });
  }

  const enabled = el('input');
  enabled.type = 'checkbox';
  enabled.checked = rule.enabled !== false;
  enabled.addEventListener('change', () => { if (enabled.checked) delete rule.enabled; else rule.enabled = false; editor.showJson(); });
  const enabledLabel = el('label', 'inline');
  enabledLabel.append(enabled, ` ${L.ruleEnabled}`);
  fields.append(enabledLabel);
  fields.append(el('p', 'notice', rule.schedule?.length ? L.scheduled : L.always));

  const actions = el('div', 'rule-actions');
  const redraw = el('button', null, L.redraw);
  redraw.type = 'button';
  redraw.addEventListener('click', () => {
    if (rule.kind === 'line') rule.line = []; else rule.zone = [];
    editor.drawing = true;
    editor.draw();
  });
  const remove = el('button', 'danger', L.remove);
  remove.type = 'button';
  remove.addEventListener('click', () => { editor.model.rules.splice(index, 1); editor.selected = null; editor.changed(); });
  actions.append(redraw, remove);
  fields.append(actions);
  item.append(fields);
  return item;
}

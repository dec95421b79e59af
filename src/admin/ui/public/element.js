// Builds DOM nodes from data with textContent only, so values from the VTN are never parsed as markup.
const SVG_NS = 'http://www.w3.org/2000/svg';

function fill(el, attrs, children) {
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An HTML element: h('td', { class: 'x' }, 'text', otherNode). */
export const h = (tag, attrs, ...children) => fill(document.createElement(tag), attrs, children);

/** An SVG element, same call shape as h(). */
export const s = (tag, attrs, ...children) => fill(document.createElementNS(SVG_NS, tag), attrs, children);

/** Shows a panel's error line, or hides it when message is empty. */
export function showPanelError(section, message) {
  const line = section.querySelector('.panel-error');
  if (!line) return;
  line.textContent = message ?? '';
  line.hidden = !message;
}

/** Replaces a select's options when they changed, keeping the chosen value if it is still offered. */
export function setOptions(select, options, fallback) {
  const key = options.map((o) => `${o.value}=${o.text}`).join('|');
  if (select.dataset.key === key) return;
  const keep = select.value;
  select.dataset.key = key;
  select.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.text)));
  select.value = options.some((o) => o.value === keep) ? keep : fallback ?? options[0]?.value ?? '';
}

/** Runs `fn` once typing in `input` pauses: one search per pause, not one per key. */
export function onTypingPause(input, fn, ms = 300) {
  let timer;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  });
}

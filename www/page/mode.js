// The Mode switch: Map (the form that maps a worker over a list) or Program (a whole Python
// program). The mode is `state.mode`; the body carries it as `data-mode`, and style.css hides
// what belongs to the other mode (`data-map-only`, `data-program-only`), so each mode's text
// stays as it was while the other is shown.

/** The modes, the first being the page's default. */
export const MODES = Object.freeze(['map', 'program']);

export function mountModeSwitch(store, $) {
  const radios = [...$('mode-switch').querySelectorAll('input[name="mode"]')];
  store.watch(['mode'], ({ mode }) => {
    document.body.dataset.mode = mode;
    for (const radio of radios) radio.checked = radio.value === mode;
  });
  $('mode-switch').addEventListener('change', (event) => {
    if (MODES.includes(event.target.value)) store.update({ mode: event.target.value });
  });
}

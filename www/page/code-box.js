// Code boxes (the worker function, a program) edit as an editor does: Tab indents, and
// Ctrl/Cmd+Enter runs (in a whole form too). Tab must stay a way out of the box for keyboard
// users, so Escape, then Tab, leaves it.

/** Makes Tab in `box` insert four spaces, unless Escape came just before; `onEdit()`, if given, follows each. */
export function indentOnTab(box, onEdit) {
  let tabLeaves = false;
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      tabLeaves = true;
      return;
    }
    if (event.key !== 'Tab' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || tabLeaves) {
      tabLeaves = false;
      return;
    }
    event.preventDefault();
    box.setRangeText('    ', box.selectionStart, box.selectionEnd, 'end');
    onEdit?.();
  });
}

/** Makes Ctrl+Enter (Cmd+Enter on a Mac) in `box`, a field or a whole form, submit the form, as Run does. */
export function runOnCtrlEnter(box) {
  const form = box instanceof HTMLFormElement ? box : box.form;
  box.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    form?.requestSubmit();
  });
}

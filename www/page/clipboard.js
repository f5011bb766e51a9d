// Copy buttons: the text to the clipboard, and "Copied" in a status element when it worked.
import { t } from './i18n.js';

export async function copy(text, statusEl) {
  try {
    await navigator.clipboard.writeText(text);
    if (statusEl) statusEl.textContent = t('copied');
  } catch {
    if (statusEl) statusEl.textContent = '';
  }
}

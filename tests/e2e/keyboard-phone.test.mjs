// The page from the keyboard, on a phone and in Korean (issue 18, item 6): a chart is one tab
// stop whose bars or points the arrow keys walk, each outlined and described where the eye can
// see it; Ctrl+Enter (Cmd+Enter) runs the form from any field; the focus stays on what ran; at
// 375×800 Run is in sight on a fresh load, no text renders under 11 px, code and results scroll
// instead of being cut or broken inside a number, and menus show their whole choice; Korean
// breaks between words. Screenshots go to target/e2e/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { servedPlayground, openPlayground, field, fillForm } from './harness.mjs';

const SHOTS = fileURLToPath(new URL('../../target/e2e/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });

const env = servedPlayground();

const button = (page, name) => page.getByRole('button', { name, exact: true });

/** What has the focus: a chart item by its data-item or data-point, else its data-* hook or id. */
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  if (el.dataset.item !== undefined) return `bar ${el.dataset.item}`;
  if (el.dataset.point !== undefined) return `point ${el.dataset.point}`;
  return el.id || Object.keys(el.dataset)[0] || el.tagName;
});

/** The focused element's aria-label, outline and tabindex, and the details line under its chart. */
const focusFacts = (page, details) => page.evaluate((hook) => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    label: el.getAttribute('aria-label'),
    details: document.querySelector(`[data-${hook}]`).textContent,
    outline: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    stops: el.ownerSVGElement.querySelectorAll('[tabindex="0"]').length,
    isStop: el.getAttribute('tabindex') === '0',
  };
}, details);

async function openPhone(url) {
  const opened = await openPlayground(env.browser, url);
  await opened.page.setViewportSize({ width: 375, height: 800 });
  await opened.page.reload();
  await opened.page.waitForSelector('html[data-ready="true"]', { timeout: 30_000 });
  return opened;
}

test('a timeline of 600 bars is one tab stop: arrows, Home and End walk it, the bar outlined and described', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await field(page, 'Preset').selectOption('mandelbrot');
  await button(page, 'Run').click();
  await page.getByText(/^Done: 600 items/).waitFor({ timeout: 60_000 });
  const bars = page.locator('[data-timeline] rect[data-item]');
  assert.equal(await bars.count(), 600);

  // From Compare to Scaling: the timeline is one stop, not 600.
  await button(page, 'Compare executors').focus();
  const stops = [];
  while (stops.at(-1) !== 'scaling' && stops.length < 10) {
    await page.keyboard.press('Tab');
    stops.push(await focused(page));
  }
  assert.equal(stops.at(-1), 'scaling', stops.join(', '));
  assert.ok(stops.length <= 4, stops.join(', '));
  assert.equal(stops.filter((s) => s.startsWith('bar ')).length, 1, stops.join(', '));

  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  const first = await focused(page);
  assert.match(first, /^bar /);
  let facts = await focusFacts(page, 'timeline-details');
  assert.match(facts.label, /^item \d+ \(\d+\) on lane \d: \d+\.\d–\d+\.\d ms$/);
  assert.equal(facts.details, facts.label);
  assert.equal(facts.outline, 'solid');
  assert.ok(facts.outlineWidth >= 2, `outline ${facts.outlineWidth}px`);

  await page.keyboard.press('ArrowRight');
  const second = await focused(page);
  assert.notEqual(second, first);
  facts = await focusFacts(page, 'timeline-details');
  assert.deepEqual([facts.details === facts.label, facts.stops, facts.isStop], [true, 1, true]);
  await page.keyboard.press('End');
  const last = await page.evaluate(() => [...document.querySelectorAll('[data-timeline] [tabindex]')].at(-1).dataset.item);
  assert.equal(await focused(page), `bar ${last}`);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), `bar ${last}`);
  await page.keyboard.press('Home');
  assert.equal(await focused(page), first);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await focused(page), first);

  // The tab stop is the bar last focused: Tab leaves the chart, Shift+Tab comes back to it.
  await page.keyboard.press('End');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'scaling-mode');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(page), `bar ${last}`);

  // Hovered, a bar is described too; the focused one again once the pointer leaves.
  const widest = await bars.evaluateAll((rects) => rects.reduce((w, r, i) => (r.width.baseVal.value > rects[w].width.baseVal.value ? i : w), 0));
  const hovered = bars.nth(widest);
  await hovered.hover();
  assert.equal(await page.locator('[data-timeline-details]').textContent(), await hovered.getAttribute('aria-label'));
  await page.mouse.move(1, 1);
  assert.equal(await page.locator('[data-timeline-details]').textContent(), (await focusFacts(page, 'timeline-details')).label);
  await page.locator('[data-timeline]').screenshot({ path: `${SHOTS}timeline-focus.png` });
  assert.deepEqual(problems, []);
  await close();
});

test('Ctrl+Enter and Cmd+Enter run the form from any field, and the focus stays on what ran', async () => {
  const { page, problems, close } = await openPlayground(env.browser, env.server.url);
  await field(page, 'Workload').selectOption('sleep_ms');
  await field(page, 'Input list').fill('[20] * 3');
  await field(page, 'Input list').press('Control+Enter');
  await page.getByText('Done: 3 items on sequential.').waitFor();
  assert.equal(await focused(page), 'items');

  await field(page, 'Input list').fill('[20] * 4');
  await field(page, 'Workers').press('Meta+Enter');
  await page.getByText('Done: 4 items on sequential.').waitFor();
  assert.equal(await focused(page), 'workers');
  await field(page, 'Executor').selectOption('async');
  await field(page, 'Executor').press('Control+Enter');
  await page.getByText('Done: 4 items on async.').waitFor();
  assert.equal(await focused(page), 'executor');

  // Run, Compare and Scaling are disabled while they run; the focus comes back to them.
  await field(page, 'Input list').fill('[20] * 5');
  await button(page, 'Run').focus();
  await page.keyboard.press('Enter');
  await page.getByText('Done: 5 items on async.').waitFor();
  assert.equal(await focused(page), 'run');

  await button(page, 'Compare executors').focus();
  await page.keyboard.press('Enter');
  // Compare's Result shows the form's executor's run: the status says async before and after.
  await page.locator('[data-compare-chart] [data-bar]').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => !document.querySelector('[data-compare]').disabled);
  await page.getByText('Done: 5 items on async.').waitFor();
  assert.equal(await focused(page), 'compare');

  await field(page, 'Workers').fill('2');
  await button(page, 'Scaling').focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-scaling-chart] [data-point="2"]').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => !document.querySelector('[data-scaling]').disabled);
  assert.equal(await focused(page), 'scaling');

  // The scaling chart is one stop too, its points walked by the arrow keys.
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'point 1');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(page), 'point 2');
  const facts = await focusFacts(page, 'scaling-details');
  assert.match(facts.label, /^workers 2: speedup \d+\.\d\d$/);
  assert.deepEqual([facts.details, facts.stops, facts.outline], [facts.label, 1, 'solid']);
  await page.keyboard.press('Tab');
  assert.notEqual(await focused(page), 'point 1');
  assert.deepEqual(problems, []);
  await close();
});

/**
 * Every visible piece of text smaller than `min` px as rendered: HTML text at its computed
 * size, SVG text at its computed size times the scale its SVG is drawn at.
 */
function smallText(min) {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (![...range.getClientRects()].some((r) => r.width > 0 && r.height > 0)) continue;
    const parent = node.parentElement;
    if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    let size = parseFloat(getComputedStyle(parent).fontSize);
    const svg = parent.closest('svg');
    if (svg) size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    if (size < min) small.push(`${node.textContent.trim().slice(0, 30)}: ${size.toFixed(1)} px`);
  }
  return small;
}

/** The words of `selector`'s visible text (runs matching `pattern`) that are split over two lines. */
function splitWords([selector, pattern]) {
  const split = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.checkVisibility() || node.parentElement.closest('svg, select, textarea')) continue;
      for (const match of node.textContent.matchAll(new RegExp(pattern, 'gu'))) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) split.push(match[0]);
      }
    }
  }
  return split;
}

/** Each choice of `select` that is cut off when chosen: wider than the select, not wrapped in it. */
async function cutChoices(page, select) {
  const cut = [];
  for (const value of await select.evaluate((s) => [...s.options].map((o) => o.value))) {
    await select.selectOption(value);
    const fit = await select.evaluate((s) => {
      // The select this choice alone would need, on one line.
      const alone = document.createElement('select');
      alone.append(new Option(s.selectedOptions[0].text));
      alone.style.width = 'max-content';
      alone.style.whiteSpace = 'nowrap';
      s.parentElement.append(alone);
      const needed = { width: alone.offsetWidth, height: alone.offsetHeight };
      alone.remove();
      const wrapped = s.offsetHeight >= 1.5 * needed.height && s.scrollWidth <= s.clientWidth;
      return { text: s.selectedOptions[0].text, fits: needed.width <= s.offsetWidth || wrapped };
    });
    if (!fit.fits) cut.push(fit.text);
  }
  return cut;
}

test('on a 375×800 phone Run is in sight at once, no text is under 11 px, and nothing is cut off', async () => {
  const { page, problems, close } = await openPhone(env.server.url);
  const run = await button(page, 'Run').evaluate((b) => {
    const r = b.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, hit: document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b };
  });
  assert.ok(run.top >= 0 && run.bottom <= 800 && run.hit, JSON.stringify(run));
  assert.deepEqual(await cutChoices(page, field(page, 'Scheduling')), []);
  assert.deepEqual(await cutChoices(page, field(page, 'Order')), []);
  await field(page, 'Scheduling').selectOption('queue');
  await field(page, 'Order').selectOption('ordered');

  await fillForm(page, { workload: 'square', items: 'range(1000, 400000, 997)', executor: 'pool', workers: 2 });
  await button(page, 'Run').click();
  await page.getByText(/^Done: 401 items/).waitFor({ timeout: 60_000 });
  await button(page, 'Compare executors').click();
  await page.getByText('Done: 401 items on pool.').waitFor({ timeout: 60_000 });
  await button(page, 'Scaling').click();
  await page.locator('[data-scaling-chart] [data-point="2"]').waitFor({ timeout: 60_000 });

  assert.deepEqual(await page.evaluate(smallText, 11), []);
  // The printed list breaks between items, never inside a number.
  assert.deepEqual(await page.evaluate(splitWords, ['[data-printed]', '[^\\s,\\[\\]]+']), []);
  // The Python program scrolls sideways, inside the page.
  const python = await page.locator('[data-python]').evaluate((pre) => {
    pre.scrollLeft = 80;
    return { wider: pre.scrollWidth > pre.clientWidth, scrolled: pre.scrollLeft > 0, right: pre.getBoundingClientRect().right };
  });
  assert.deepEqual({ ...python, inside: python.right <= 375 }, { ...python, wider: true, scrolled: true, inside: true });
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(widths[0] <= widths[1], `scroll width ${widths[0]} > ${widths[1]}`);
  await page.screenshot({ path: `${SHOTS}phone-charts.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await close();
});

test('in Korean, words break between words, in a font stack with Hangul, and field errors are Korean', async () => {
  const { page, problems, close } = await openPhone(`${env.server.url}#l=ko`);
  const css = await page.evaluate(() => {
    const s = getComputedStyle(document.body);
    return { wordBreak: s.wordBreak, fontFamily: s.fontFamily };
  });
  assert.equal(css.wordBreak, 'keep-all');
  for (const font of ['Apple SD Gothic Neo', 'Malgun Gothic', 'Noto Sans KR', 'Noto Sans CJK KR']) assert.ok(css.fontFamily.includes(font), css.fontFamily);

  await field(page, '워커 수').fill('0');
  await button(page, '실행').click();
  const message = page.locator('[data-workers-error]');
  await message.waitFor({ state: 'visible' });
  assert.match(await message.textContent(), /^워커 수는 1부터 \d+까지의 정수여야 합니다\.$/);
  await field(page, '워커 수').fill('2');
  await field(page, '작업 함수').selectOption('fib');
  await field(page, '입력 목록').fill('[10, 51]');
  await button(page, '실행').click();
  await page.getByText(/^완료/).waitFor();
  assert.equal(await message.isHidden(), true);
  assert.deepEqual(await page.evaluate(smallText, 11), []);
  assert.deepEqual(await page.evaluate(splitWords, ['body', '[\\p{Script=Hangul}]+']), []);
  await page.screenshot({ path: `${SHOTS}korean-phone.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await close();
});

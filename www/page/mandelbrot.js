// The Mandelbrot picture of a mandelbrot_row run: each row drawn from its pixel counts as it
// finishes, tinted with the colour of the lane that computed it, as the timeline colours its
// bars, with a legend of the run's lanes. The picture's size is the catalog's (src/kernels.rs).
import { t } from './i18n.js';
import { laneColor, laneRgb } from './charts.js';

class Picture {
  #context;
  #size;

  constructor(canvas, size) {
    canvas.width = size.width;
    canvas.height = size.height;
    this.#context = canvas.getContext('2d');
    this.#size = size;
  }

  clear() {
    this.#context.clearRect(0, 0, this.#size.width, this.#size.height);
  }

  /** Draws row `y` from its `pixels` (iteration counts), tinted by `lane`. */
  drawRow(y, pixels, lane) {
    const { width, height, max_iter: maxIter } = this.#size;
    if (!(y >= 0 && y < height) || pixels.length !== width) return;
    const row = this.#context.createImageData(width, 1);
    const [r, g, b] = laneRgb(lane);
    for (let x = 0; x < width; x++) {
      const inside = pixels[x] >= maxIter;
      const v = inside ? 0 : Math.sqrt(pixels[x] / maxIter);
      row.data[4 * x] = inside ? 0 : 40 + v * r;
      row.data[4 * x + 1] = inside ? 0 : 40 + v * g;
      row.data[4 * x + 2] = inside ? 0 : 40 + v * b;
      row.data[4 * x + 3] = 255;
    }
    this.#context.putImageData(row, 0, y);
  }
}

/** The legend of the lanes a run of `executor` on `workers` has. */
function legend(list, { executor, workers }) {
  const lanes = executor === 'sequential' ? 1 : workers;
  list.replaceChildren(...Array.from({ length: lanes }, (_, lane) => {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = laneColor(lane);
    swatch.setAttribute('aria-hidden', 'true');
    const name = document.createElement('span');
    name.textContent = t('timeline.lane', { lane });
    li.append(swatch, name);
    return li;
  }));
}

/**
 * The Mandelbrot section: shown for mandelbrot_row. A run from Run fills it in as rows finish;
 * the Result's run (Compare's, too) then draws it whole, so that it shows what the Result does.
 */
export function mountMandelbrot(store, $) {
  let picture = null;
  const draw = (items) => {
    for (const item of items) if (item.pixels) picture?.drawRow(Number(item.input), item.pixels, item.lane);
  };
  store.watch(['form'], ({ form }) => {
    $('mandelbrot').hidden = form.workload !== 'mandelbrot_row';
  });
  store.watch(['catalog'], ({ catalog }) => {
    if (catalog) picture = new Picture($('mandelbrot-canvas'), catalog.mandelbrot);
  });
  store.watch(['result'], ({ result }) => {
    if (result?.report.workload !== 'mandelbrot_row' || !result.report.results.some((item) => item.pixels)) return;
    picture?.clear();
    legend($('mandelbrot-legend'), result.report);
    draw(result.report.results);
  });
  store.addEventListener('run-start', ({ detail: options }) => {
    if (!options.picture || !options.live) return;
    picture?.clear();
    legend($('mandelbrot-legend'), options);
  });
  store.addEventListener('progress', ({ detail: { options, live, progress } }) => {
    if (options.picture && live) draw(progress.items);
  });
}

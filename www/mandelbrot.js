// The Mandelbrot picture of a mandelbrot_row run: each row drawn from its pixel counts as it
// finishes, tinted with the colour of the lane that computed it.
const WIDTH = 800;
const HEIGHT = 600;
const MAX_ITER = 500;

/** Lane colours as RGB, matching charts.js's hue rotation. */
function laneRgb(lane) {
  const h = ((lane * 137.5) % 360) / 60;
  const c = 0.65 * (1 - Math.abs(2 * 0.5 - 1));
  const x = c * (1 - Math.abs((h % 2) - 1));
  const [r, g, b] = [[c, x, 0], [x, c, 0], [0, c, x], [0, x, c], [x, 0, c], [c, 0, x]][Math.floor(h) % 6];
  const m = 0.5 - c / 2;
  return [r + m, g + m, b + m].map((v) => Math.round(v * 255));
}

export class MandelbrotView {
  #context;

  constructor(canvas) {
    this.#context = canvas.getContext('2d');
  }

  clear() {
    this.#context.clearRect(0, 0, WIDTH, HEIGHT);
  }

  /** Draws row `y` from its `pixels` (iteration counts), tinted by `lane`. */
  drawRow(y, pixels, lane) {
    if (!(y >= 0 && y < HEIGHT) || pixels.length !== WIDTH) return;
    const row = this.#context.createImageData(WIDTH, 1);
    const [r, g, b] = laneRgb(lane);
    for (let x = 0; x < WIDTH; x++) {
      const inside = pixels[x] >= MAX_ITER;
      const v = inside ? 0 : Math.sqrt(pixels[x] / MAX_ITER);
      row.data[4 * x] = inside ? 0 : 40 + v * r;
      row.data[4 * x + 1] = inside ? 0 : 40 + v * g;
      row.data[4 * x + 2] = inside ? 0 : 40 + v * b;
      row.data[4 * x + 3] = 255;
    }
    this.#context.putImageData(row, 0, y);
  }
}

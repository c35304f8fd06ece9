// A tiny live chart: the last two minutes of one number, drawn on its own canvas.

export class Sparkline {
  private readonly values: number[] = [];
  private readonly canvas: HTMLCanvasElement;
  private readonly label: HTMLElement;

  constructor(
    parent: HTMLElement,
    private readonly title: string,
    private readonly format: (v: number) => string,
    private readonly capacity = 120,
  ) {
    const box = document.createElement("div");
    box.className = "chart";
    this.label = document.createElement("div");
    this.label.className = "title";
    this.label.textContent = title;
    this.canvas = document.createElement("canvas");
    box.append(this.label, this.canvas);
    parent.append(box);
  }

  push(value: number): void {
    this.values.push(value);
    if (this.values.length > this.capacity) this.values.shift();
    this.label.textContent = `${this.title}: ${this.format(value)}`;
    this.draw();
  }

  private draw(): void {
    const dpr = window.devicePixelRatio || 1;
    const w = (this.canvas.width = Math.round(this.canvas.clientWidth * dpr));
    const h = (this.canvas.height = Math.round(this.canvas.clientHeight * dpr));
    const ctx = this.canvas.getContext("2d");
    if (!ctx || this.values.length === 0) return;
    const max = Math.max(...this.values) || 1;
    ctx.clearRect(0, 0, w, h);
    ctx.strokeStyle = "#4fb3ff";
    ctx.lineWidth = 1.5 * dpr;
    ctx.beginPath();
    // The newest value sits at the right edge; the chart fills leftwards over two minutes.
    const n = this.values.length;
    this.values.forEach((v, i) => {
      const x = w - ((n - 1 - i) / (this.capacity - 1)) * w;
      const y = h - (v / max) * (h - 4 * dpr) - 2 * dpr;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
  }
}

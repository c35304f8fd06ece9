// The status banner at the bottom of the game page: connecting, reconnecting, disconnected
// (with Rejoin and Change name buttons), or a short flash that goes away by itself.

export class StatusBanner {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly banner: HTMLElement,
    private readonly text: HTMLElement,
    private readonly rejoin: HTMLButtonElement,
    private readonly leave: HTMLButtonElement,
  ) {}

  /** Shows `text` ("" hides the banner); `offerRejoin` adds the Rejoin and Change name buttons. */
  show(text: string, offerRejoin = false): void {
    clearTimeout(this.timer);
    this.banner.hidden = text === "";
    this.text.textContent = text;
    this.rejoin.hidden = this.leave.hidden = !offerRejoin;
  }

  /** Shows `text` for `ms` (default 2500), then hides the banner. */
  flash(text: string, ms = 2500): void {
    this.show(text);
    this.timer = setTimeout(() => this.show(""), ms);
  }
}

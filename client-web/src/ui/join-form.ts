// The join form's game picker: the games the server runs (GET /api/games) that this page can
// play, arena first, ?game= preselecting one; the choices of the picked game (fieldsets with
// data-game="<name>" show only for it), and its help line.

import { listGames } from "../protocol/index.js";
import type { GameUi, JoinChoices } from "./game-ui.js";
import { choicesFromUrl, gamesToOffer, preselectedGame } from "./join-choices.js";

export interface JoinFormElements {
  readonly form: HTMLFormElement;
  readonly game: HTMLSelectElement;
  readonly team: HTMLSelectElement;
  readonly mode: HTMLSelectElement;
  /** Where the picked game's controls are explained. */
  readonly help: HTMLElement;
}

export class JoinForm {
  private readonly asked: string | null;

  /**
   * @param uis the games this page can play, the default first
   * @param params the page's query: ?game= preselects a game, ?team= and ?mode= its choices
   */
  constructor(
    private readonly el: JoinFormElements,
    private readonly uis: readonly GameUi[],
    params: URLSearchParams,
  ) {
    this.asked = params.get("game");
    const preset = choicesFromUrl(params);
    if (preset.team !== undefined) el.team.value = preset.team;
    if (preset.mode !== undefined) el.mode.value = preset.mode;
    el.game.addEventListener("change", () => this.update());
    this.offer(gamesToOffer(undefined, uis.map((u) => u.name)));
  }

  /** Narrows the offer to the games the server runs; without an answer, every playable game stays. */
  async load(): Promise<void> {
    const listed = await listGames().then((games) => games.map((g) => g.name), () => undefined);
    this.offer(gamesToOffer(listed, this.uis.map((u) => u.name)));
  }

  /** The picked game. */
  get ui(): GameUi {
    return this.uis.find((u) => u.name === this.el.game.value) ?? this.uis[0];
  }

  /** The picked game's choices (games read what they use). */
  choices(): JoinChoices {
    return { team: this.el.team.value, mode: this.el.mode.value };
  }

  private offer(names: string[]): void {
    const picked = this.el.game.value || undefined;
    this.el.game.replaceChildren(
      ...names.map((name) => {
        const option = document.createElement("option");
        option.value = name;
        option.textContent = this.uis.find((u) => u.name === name)?.title ?? name;
        return option;
      }),
    );
    this.el.game.value = (picked && names.includes(picked) ? picked : preselectedGame(names, this.asked)) ?? "";
    this.update();
  }

  private update(): void {
    const name = this.ui.name;
    for (const set of this.el.form.querySelectorAll<HTMLElement>("[data-game]")) set.hidden = set.dataset.game !== name;
    this.el.help.textContent = this.ui.help;
  }
}

import type { Detector } from "./types.js";

/** Detectors by name. Built-ins register themselves in detectors/builtin.ts; users add their own. */
export class DetectorRegistry {
  private readonly byName = new Map<string, Detector>();

  register(detector: Detector): this {
    if (this.byName.has(detector.name)) throw new Error(`detector "${detector.name}" is already registered`);
    this.byName.set(detector.name, detector);
    return this;
  }

  get(name: string): Detector | undefined {
    return this.byName.get(name);
  }

  require(name: string): Detector {
    const d = this.byName.get(name);
    if (!d) throw new Error(`unknown detector "${name}"; known: ${this.names().join(", ")}`);
    return d;
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  all(): Detector[] {
    return [...this.byName.values()];
  }
}

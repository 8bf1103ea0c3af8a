import { describe, expect, it } from "vitest";
import { MapBuilder, OffsetMap, toRawFn, widenToCodePoints } from "./offset-map.js";

describe("OffsetMap", () => {
  it("is the identity without tables, and clamps spans", () => {
    const m = OffsetMap.identity(5);
    expect(m.toRaw([1, 3])).toEqual([1, 3]);
    expect(m.toRaw([3, 1])).toEqual([1, 3]);
    expect(m.toRaw([-4, 99])).toEqual([0, 5]);
    expect(m.toRaw([Number.NaN, 2])).toEqual([0, 2]);
    expect(m.toRaw([5, 5])).toEqual([5, 5]);
    expect(OffsetMap.identity(0).toRaw([0, 3])).toEqual([0, 0]);
  });

  it("maps empty spans to the boundary before a unit, or after the last one", () => {
    const b = new MapBuilder(OffsetMap.identity(10), 4);
    b.span(0, 3, 1); // "ﬃ"-like: 3 raw units became 1
    b.copy(5, 2); // raw 3..4 removed
    const m = b.finish();
    expect(m.length).toBe(3);
    expect(m.toRaw([0, 1])).toEqual([0, 3]);
    expect(m.toRaw([1, 1])).toEqual([5, 5]);
    expect(m.toRaw([3, 3])).toEqual([7, 7]);
    expect(m.toRaw([0, 3])).toEqual([0, 7]);
  });
});

describe("MapBuilder", () => {
  it("returns the parent map itself while the view is a one-to-one copy", () => {
    const parent = OffsetMap.identity(8);
    const b = new MapBuilder(parent, 8);
    b.copy(0, 3);
    b.span(3, 4, 1);
    b.copy(4, 4);
    expect(b.finish()).toBe(parent);
    const prefix = new MapBuilder(parent, 8);
    prefix.copy(0, 5);
    const m = prefix.finish();
    expect(m.length).toBe(5);
    expect(m.isIdentity).toBe(true);
  });

  it("stores raw spans through the parent, so chains of views need no composing", () => {
    // parent: view units 0..3 came from raw [0,2), [2,3), [5,6), [6,9)
    const pb = new MapBuilder(OffsetMap.identity(9), 4);
    pb.span(0, 2, 1);
    pb.copy(2, 1);
    pb.copy(5, 1);
    pb.span(6, 9, 1);
    const parent = pb.finish();
    const b = new MapBuilder(parent, 4);
    b.span(0, 2, 3); // two parent units became three
    b.span(2, 2, 1); // an insertion
    b.copy(2, 2);
    const m = b.finish();
    expect(m.length).toBe(6);
    expect([0, 1, 2].map((k) => m.toRaw([k, k + 1]))).toEqual([
      [0, 3],
      [0, 3],
      [0, 3],
    ]);
    expect(m.toRaw([3, 4])).toEqual([5, 5]);
    expect(m.toRaw([4, 6])).toEqual([5, 9]);
  });

  it("grows its tables past the capacity hint", () => {
    const b = new MapBuilder(OffsetMap.identity(1000), 1);
    for (let k = 999; k >= 0 && k > 500; k -= 2) b.span(k - 1, k, 1);
    const m = b.finish();
    expect(m.length).toBe(250);
    expect(m.toRaw([0, 1])).toEqual([998, 999]);
  });
});

describe("surrogate pairs", () => {
  it("widens raw spans that would cut a pair", () => {
    const raw = "a😀b";
    expect(widenToCodePoints(raw, [2, 3])).toEqual([1, 3]);
    expect(widenToCodePoints(raw, [1, 2])).toEqual([1, 3]);
    expect(widenToCodePoints(raw, [0, 1])).toEqual([0, 1]);
    expect(toRawFn(raw, OffsetMap.identity(raw.length))([2, 2])).toEqual([1, 1]);
  });
});

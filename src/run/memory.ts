// Checked memory. Every object a program can point at is a region: a stack frame, the packet
// buffer, a map value, a ring buffer record, the context, a map itself. A pointer is a 64-bit value
// whose upper 32 bits are the region's id and whose lower 32 bits are a byte offset into it, so
// pointer arithmetic and comparisons work as in the kernel and every access can be checked: an
// access whose region does not exist or whose bytes fall outside [start, end) (or, for a store,
// [start, wend)) is a run-time fault, never a host crash.
//
// The interpreter reads `start`, `end` and `wend` on its fast path. Regions that need more than
// a bounds check (the context, whose loads the kernel rewrites; maps, which a program may only
// pass to helpers) have an empty window, so every access to them takes the slow path.

export type RegionKind =
  | 'stack'
  | 'packet'
  | 'map_value'
  | 'ringbuf_record'
  | 'ctx'
  | 'map'
  | 'sock'
  | 'helper_scratch';

export interface Region {
  id: number;
  kind: RegionKind;
  /** For messages: "stack of frame 0", "packet", "value of map 'counts'". */
  name: string;
  bytes: Uint8Array;
  view: DataView;
  /** Readable window [start, end), writable window [start, wend). */
  start: number;
  end: number;
  wend: number;
  /** For map regions: the map's index in the session. */
  mapIndex: number;
}

/** The regions of one session, by id (0 is never used, so a NULL pointer has no region). */
export class Memory {
  readonly regions: (Region | undefined)[] = [undefined];
  private readonly free: number[] = [];
  /** Regions to release when the current run ends (deleted map elements, ring buffer records). */
  private readonly pendingFree: number[] = [];

  add(kind: RegionKind, name: string, bytes: Uint8Array, opts: { writable?: boolean; mapIndex?: number; opaque?: boolean } = {}): Region {
    const id = this.free.pop() ?? this.regions.length;
    const opaque = opts.opaque === true;
    const region: Region = {
      id,
      kind,
      name,
      bytes,
      view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      start: 0,
      end: opaque ? 0 : bytes.length,
      wend: opaque || opts.writable === false ? 0 : bytes.length,
      mapIndex: opts.mapIndex ?? -1,
    };
    this.regions[id] = region;
    return region;
  }

  /** Releases a region once the current run has ended (a program may still hold a pointer to it). */
  releaseAfterRun(id: number): void {
    this.pendingFree.push(id);
  }

  endRun(): void {
    for (const id of this.pendingFree) {
      this.regions[id] = undefined;
      this.free.push(id);
    }
    this.pendingFree.length = 0;
  }

  get(id: number): Region | undefined {
    return id > 0 && id < this.regions.length ? this.regions[id] : undefined;
  }
}

/** A pointer's two halves. */
export interface Pointer {
  region: Region;
  offset: number;
}

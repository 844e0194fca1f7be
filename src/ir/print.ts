// Prints ir.Module as text, one instruction a line:
//
//   func xdp_prog(%0) section "xdp" slots [#0 key:4]
//   b0:
//     %1 = load.4 [%0+0]
//     %2 = add.64 %1, 14
//     br gt.64 %2, %3 -> b1, b2
import { coreReloKind } from '../bpf/core-relo.js';
import { typeToString } from '../sema/types.js';
import type { Address, Block, CoreField, Inst, IrFunction, Module, Operand, Terminator } from './ir.js';

export function printModule(m: Module): string {
  return m.functions.map(printFunction).join('\n');
}

export function printFunction(f: IrFunction): string {
  const slots = f.slots.map((s) => `#${s.id} ${s.name}:${s.sizeBytes}`).join(', ');
  const head = `func ${f.name}(${f.params.map((p) => `%${p}`).join(', ')}) section "${f.section}"${slots ? ` slots [${slots}]` : ''}`;
  return [head, ...f.blocks.map(printBlock)].join('\n') + '\n';
}

function printBlock(b: Block): string {
  return [`b${b.id}:`, ...b.insts.map((i) => `  ${printInst(i)}`), `  ${printTerm(b.term)}`].join('\n');
}

function opnd(o: Operand): string {
  return o.kind === 'reg' ? `%${o.reg}` : o.value.toString();
}

function addr(a: Address): string {
  const base = a.kind === 'reg' ? `%${a.reg}` : `#${a.slot}`;
  return `[${base}${a.off >= 0 ? '+' : ''}${a.off}]`;
}

export function printInst(i: Inst): string {
  switch (i.op) {
    case 'mov':
      return `%${i.dst} = ${i.bits === 32 ? 'mov.32 ' : ''}${opnd(i.src)}`;
    case 'alu':
      return `%${i.dst} = ${i.alu}.${i.bits} ${opnd(i.a)}, ${opnd(i.b)}`;
    case 'neg':
      return `%${i.dst} = neg.${i.bits} %${i.a}`;
    case 'sext':
      return `%${i.dst} = sext${i.fromBits}.${i.bits} %${i.src}`;
    case 'bswap':
      return `%${i.dst} = bswap${i.bits} %${i.src}`;
    case 'load':
      return `%${i.dst} = load.${i.size}${i.volatile ? ' volatile' : ''} ${addr(i.addr)}${i.core ? ` ${coreText(i.core)}` : ''}`;
    case 'store':
      return `store.${i.size}${i.volatile ? ' volatile' : ''} ${addr(i.addr)}, ${opnd(i.src)}${i.core ? ` ${coreText(i.core)}` : ''}`;
    case 'slotaddr':
      return `%${i.dst} = slotaddr #${i.slot}${i.off ? `+${i.off}` : ''}`;
    case 'mapaddr':
      return `%${i.dst} = map ${i.map}`;
    case 'dataaddr':
      return `%${i.dst} = data ${i.symbol}${i.off ? `+${i.off}` : ''}`;
    case 'asm': {
      const text = i.parts.map((p) => (typeof p === 'string' ? p : `{${p.operand}}`)).join('').replace(/\n/g, '; ');
      const ops = i.operands.map((o) => {
        if (o.kind === 'reg') return `${o.width}:%${o.reg}`;
        if (o.kind === 'out') return `=${o.width}${o.init !== undefined ? `:%${o.init}` : ''}`;
        if (o.kind === 'fixed') return o.text;
        return o.kind === 'imm' ? opnd(o.value) : `map ${o.symbol}`;
      });
      return `${i.dst !== undefined ? `%${i.dst} = ` : ''}asm "${text}" (${ops.join(', ')})${i.clobbers.length ? ` clobbers r${i.clobbers.join(',r')}` : ''}`;
    }
    case 'funcaddr':
      return `%${i.dst} = func ${i.func}`;
    case 'btftypeid':
      return `%${i.dst} = btf_type_id ${coreReloKind(i.relo)?.short ?? i.relo} ${typeToString(i.ctype)}`;
    case 'fieldoff':
      return i.info ? `%${i.dst} = field_info relo ${i.info.relo} value ${i.info.value} ${coreText(i.core)}` : `%${i.dst} = field_offset ${coreText(i.core)}`;
    case 'call':
      return `${i.dst !== undefined ? `%${i.dst} = ` : ''}call helper#${i.helper}(${i.args.map((a, k) => (i.low32Args?.includes(k) ? `low32 ${opnd(a)}` : opnd(a))).join(', ')})`;
    case 'ldabs':
      return `%${i.dst} = ldabs.${i.size} %${i.ctx}, ${opnd(i.off)}${i.disp ? (i.disp > 0 ? `+${i.disp}` : `${i.disp}`) : ''}`;
    case 'callfn':
      return `${i.dst !== undefined ? `%${i.dst} = ` : ''}call ${i.func}(${i.args.map(opnd).join(', ')})`;
    case 'atomic':
      return `${i.dst !== undefined ? `%${i.dst} = ` : ''}atomic.${i.aop}${i.fetch ? '.fetch' : ''}.${i.size} ${addr(i.addr)}, %${i.src}${i.expected !== undefined ? `, expected %${i.expected}` : ''}`;
    case 'memop': {
      const second = i.kind === 'set' ? opnd(i.value!) : addr(i.from!);
      const name = { copy: 'memcpy', move: 'memmove', set: 'memset', cmp: 'memcmp' }[i.kind];
      return `${i.dst !== undefined ? `%${i.dst} = ` : ''}${name} ${addr(i.to)}, ${second}, ${opnd(i.size)} align ${i.alignBytes}`;
    }
    default: {
      const never: never = i;
      return never;
    }
  }
}

/** A CO-RE field: `core(struct nf_conn 0:0 = 0)`, the local byte offset last. */
function coreText(c: CoreField): string {
  return `core(${typeToString(c.root)} ${c.access} = ${c.offsetBytes})`;
}

export function printTerm(t: Terminator): string {
  switch (t.op) {
    case 'jmp':
      return `jmp b${t.target}`;
    case 'br':
      return `br ${t.cmp}.${t.bits} %${t.a}, ${opnd(t.b)} -> b${t.then}, b${t.else}`;
    case 'ret':
      return t.value ? `ret ${opnd(t.value)}` : 'ret';
    default: {
      const never: never = t;
      return never;
    }
  }
}

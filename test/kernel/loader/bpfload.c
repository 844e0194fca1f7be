// bpfload: loads many BPF test cases into the running kernel from one process.
//
// It reads a script on stdin, one command per line, and writes one JSON object per case on
// stdout. Commands run in the order given, so a case can create maps, load programs, fill maps,
// run programs and read maps back. Tokens are separated by single spaces; binary data is written
// as lower-case hex, and "-" stands for empty data. Types may be given by number or by libbpf's
// name ("xdp", "sched_cls", "hash", "cgroup_inet_ingress").
//
//   case ID                          start a case
//   logsize BYTES                    verifier log buffer for the next loads (default 1 MiB)
//   btf HEX                          load raw BTF for the case (BPF_BTF_LOAD)
//   map TYPE KEY VALUE MAX FLAGS NAME [inner=MAP] [extra=N] [btf_key=ID] [btf_value=ID]
//                                    create map number N (0, 1, ... in order)
//   prog TYPE ATTACH LOGLEVEL FLAGS NAME LICENSE...
//                                    parameters of the next program; LICENSE is the rest of the line
//   funcinfo HEX / lineinfo HEX      BTF func_info (8-byte) / line_info (16-byte) records for it
//   insns HEX                        load it. In ld_imm64 with src_reg BPF_PSEUDO_MAP_FD (1) or
//                                    BPF_PSEUDO_MAP_VALUE (2), imm is a map number and is replaced
//                                    by that map's fd; the case's map fds are also passed as
//                                    fd_array, for BPF_PSEUDO_MAP_IDX(_VALUE).
//   object PATH                      open an ELF object with libbpf
//   objprog NAME TYPE ATTACH LOGLEVEL
//                                    load program NAME of the object alone (TYPE/ATTACH "-": the
//                                    section's); the object's maps become map numbers in order
//   update MAP KEYHEX VALUEHEX       bpf_map_update_elem; MAP is a number or (objects) a name
//   freeze MAP                       bpf_map_freeze (read-only data, as libbpf freezes it)
//   progarray MAP KEY PROG           store program number PROG's fd at KEY of a prog array
//   run PROG DATAHEX CTXHEX REPEAT DATA_OUT CTX_OUT FLAGS
//                                    BPF_PROG_TEST_RUN; DATA_OUT/CTX_OUT are output buffer sizes
//   dump MAP                         read every entry of a map
//   end                              print the case's JSON line, then close everything
//
// A program whose log was truncated (ENOSPC) is loaded once more without a log, so that the
// verdict is the verifier's and not the log buffer's. The JSON fields are described in
// test/kernel/loader/bpfload.ts.
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

// The BPF_PROG_LOAD part of union bpf_attr as of Linux 6.18 (the installed uapi header may be
// older and lack log_true_size). Only the fields up to fd_array_cnt are used.
struct prog_load_attr {
  uint32_t prog_type;
  uint32_t insn_cnt;
  uint64_t insns;
  uint64_t license;
  uint32_t log_level;
  uint32_t log_size;
  uint64_t log_buf;
  uint32_t kern_version;
  uint32_t prog_flags;
  char prog_name[16];
  uint32_t prog_ifindex;
  uint32_t expected_attach_type;
  uint32_t prog_btf_fd;
  uint32_t func_info_rec_size;
  uint64_t func_info;
  uint32_t func_info_cnt;
  uint32_t line_info_rec_size;
  uint64_t line_info;
  uint32_t line_info_cnt;
  uint32_t attach_btf_id;
  uint32_t attach_prog_fd;
  uint32_t core_relo_cnt;
  uint64_t fd_array;
  uint64_t core_relos;
  uint32_t core_relo_rec_size;
  uint32_t log_true_size;
  int32_t prog_token_fd;
  uint32_t fd_array_cnt;
};

#define MAX_MAPS 64
#define MAX_PROGS 64
#define DEFAULT_LOG_SIZE (1u << 20)

// ---- a growable string, for the JSON output ---------------------------------------------------

struct buf {
  char *data;
  size_t len, cap;
};

static void buf_reserve(struct buf *b, size_t more) {
  if (b->len + more + 1 <= b->cap) return;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + more + 1) cap *= 2;
  b->data = realloc(b->data, cap);
  if (!b->data) {
    fprintf(stderr, "bpfload: out of memory\n");
    exit(2);
  }
  b->cap = cap;
}

static void buf_put(struct buf *b, const char *s, size_t n) {
  buf_reserve(b, n);
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = 0;
}

static void buf_printf(struct buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  buf_reserve(b, (size_t)n);
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

static void buf_json_string(struct buf *b, const char *s, size_t n) {
  buf_put(b, "\"", 1);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"') buf_put(b, "\\\"", 2);
    else if (c == '\\') buf_put(b, "\\\\", 2);
    else if (c == '\n') buf_put(b, "\\n", 2);
    else if (c == '\t') buf_put(b, "\\t", 2);
    else if (c < 0x20 || c >= 0x7f) buf_printf(b, "\\u%04x", c);
    else buf_put(b, (const char *)&c, 1);
  }
  buf_put(b, "\"", 1);
}

static void buf_json_cstr(struct buf *b, const char *s) { buf_json_string(b, s, strlen(s)); }

static void buf_hex(struct buf *b, const unsigned char *p, size_t n) {
  static const char digits[] = "0123456789abcdef";
  buf_put(b, "\"", 1);
  buf_reserve(b, 2 * n);
  for (size_t i = 0; i < n; i++) {
    b->data[b->len++] = digits[p[i] >> 4];
    b->data[b->len++] = digits[p[i] & 15];
  }
  b->data[b->len] = 0;
  buf_put(b, "\"", 1);
}

// ---- parsing helpers ---------------------------------------------------------------------------

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes hex (or "-") into a fresh buffer; returns -1 on malformed input.
static ssize_t unhex(const char *s, unsigned char **out) {
  *out = NULL;
  if (strcmp(s, "-") == 0) return 0;
  size_t n = strlen(s);
  if (n % 2) return -1;
  unsigned char *p = malloc(n / 2 + 1);
  if (!p) return -1;
  for (size_t i = 0; i < n / 2; i++) {
    int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      free(p);
      return -1;
    }
    p[i] = (unsigned char)(hi << 4 | lo);
  }
  *out = p;
  return (ssize_t)(n / 2);
}

static int parse_num(const char *s, long long *out) {
  char *end;
  errno = 0;
  long long v = strtoll(s, &end, 0);
  if (errno || end == s || *end) return -1;
  *out = v;
  return 0;
}

// A type given by number or by name, looked up through one of libbpf's *_str functions.
static int parse_enum(const char *s, const char *(*name_of)(int), long long *out) {
  if (strcmp(s, "-") == 0) {
    *out = -1;
    return 0;
  }
  if (parse_num(s, out) == 0) return 0;
  for (int v = 0; v < 256; v++) {
    const char *n = name_of(v);
    if (n && strcmp(n, s) == 0) {
      *out = v;
      return 0;
    }
  }
  return -1;
}

static const char *prog_type_name(int v) { return libbpf_bpf_prog_type_str((enum bpf_prog_type)v); }
static const char *map_type_name(int v) { return libbpf_bpf_map_type_str((enum bpf_map_type)v); }
static const char *attach_type_name(int v) { return libbpf_bpf_attach_type_str((enum bpf_attach_type)v); }

// ---- the state of one case ---------------------------------------------------------------------

struct map_slot {
  int fd;
  uint32_t type, key_size, value_size;
  char name[64];
};

struct prog_slot {
  int fd;
  char name[64];
};

struct case_state {
  char id[256];
  struct buf out;      // the JSON being built
  struct buf libbpf;   // libbpf's messages during this case
  int nmaps, nprogs;
  struct map_slot maps[MAX_MAPS];
  struct prog_slot progs[MAX_PROGS];
  int btf_fd;
  uint32_t log_size;
  // the parameters of the next raw program
  long long prog_type, attach_type, log_level, prog_flags;
  char prog_name[64];
  char license[256];
  unsigned char *func_info, *line_info;
  ssize_t func_info_len, line_info_len;
  struct bpf_object *obj;
  // JSON arrays are filled as commands run, then joined at "end"
  struct buf maps_json, progs_json, runs_json, dumps_json, errors_json;
};

static struct case_state *current_case;  // for the libbpf print callback

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap) {
  if (level == LIBBPF_DEBUG || !current_case) return 0;
  char tmp[4096];
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  if (n > 0) buf_put(&current_case->libbpf, tmp, (size_t)(n < (int)sizeof tmp ? n : (int)sizeof tmp - 1));
  return 0;
}

static void add_error(struct case_state *c, const char *fmt, ...) {
  char tmp[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (c->errors_json.len) buf_put(&c->errors_json, ",", 1);
  buf_json_cstr(&c->errors_json, tmp);
}

static void comma(struct buf *b) {
  if (b->len) buf_put(b, ",", 1);
}

static void case_reset(struct case_state *c) {
  for (int i = 0; i < c->nprogs; i++)
    if (c->progs[i].fd >= 0) close(c->progs[i].fd);
  if (!c->obj)
    for (int i = 0; i < c->nmaps; i++)
      if (c->maps[i].fd >= 0) close(c->maps[i].fd);
  if (c->obj) bpf_object__close(c->obj);  // owns the object's map and program fds
  if (c->btf_fd >= 0) close(c->btf_fd);
  free(c->func_info);
  free(c->line_info);
  struct buf keep[7] = {c->out, c->libbpf, c->maps_json, c->progs_json, c->runs_json, c->dumps_json, c->errors_json};
  memset(c, 0, sizeof *c);
  c->out = keep[0];
  c->libbpf = keep[1];
  c->maps_json = keep[2];
  c->progs_json = keep[3];
  c->runs_json = keep[4];
  c->dumps_json = keep[5];
  c->errors_json = keep[6];
  struct buf *all[7] = {&c->out, &c->libbpf, &c->maps_json, &c->progs_json, &c->runs_json, &c->dumps_json, &c->errors_json};
  for (int i = 0; i < 7; i++) {
    all[i]->len = 0;
    if (all[i]->data) all[i]->data[0] = 0;
  }
  c->btf_fd = -1;
  c->log_size = DEFAULT_LOG_SIZE;
}

// ---- maps --------------------------------------------------------------------------------------

static int is_percpu(uint32_t type) {
  return type == BPF_MAP_TYPE_PERCPU_HASH || type == BPF_MAP_TYPE_PERCPU_ARRAY ||
         type == BPF_MAP_TYPE_LRU_PERCPU_HASH || type == BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE;
}

// Bytes user space reads or writes per value: per-CPU maps hold one 8-byte-rounded copy per CPU.
static size_t user_value_size(const struct map_slot *m) {
  if (!is_percpu(m->type)) return m->value_size;
  int cpus = libbpf_num_possible_cpus();
  return ((m->value_size + 7) & ~7u) * (size_t)(cpus > 0 ? cpus : 1);
}

static void cmd_map(struct case_state *c, char **tok, int ntok) {
  long long type, key, value, max, flags;
  if (ntok < 7 || parse_enum(tok[1], map_type_name, &type) || parse_num(tok[2], &key) ||
      parse_num(tok[3], &value) || parse_num(tok[4], &max) || parse_num(tok[5], &flags)) {
    add_error(c, "bad map command");
    return;
  }
  if (c->nmaps >= MAX_MAPS) {
    add_error(c, "too many maps");
    return;
  }
  LIBBPF_OPTS(bpf_map_create_opts, opts, .map_flags = (uint32_t)flags);
  for (int i = 7; i < ntok; i++) {
    long long v;
    char *eq = strchr(tok[i], '=');
    if (!eq || parse_num(eq + 1, &v)) {
      add_error(c, "bad map option %s", tok[i]);
      continue;
    }
    *eq = 0;
    if (strcmp(tok[i], "inner") == 0) opts.inner_map_fd = (v >= 0 && v < c->nmaps) ? (uint32_t)c->maps[v].fd : 0;
    else if (strcmp(tok[i], "extra") == 0) opts.map_extra = (uint64_t)v;
    else if (strcmp(tok[i], "btf_key") == 0) opts.btf_key_type_id = (uint32_t)v;
    else if (strcmp(tok[i], "btf_value") == 0) opts.btf_value_type_id = (uint32_t)v;
    else add_error(c, "unknown map option %s", tok[i]);
  }
  if ((opts.btf_key_type_id || opts.btf_value_type_id) && c->btf_fd >= 0) opts.btf_fd = (uint32_t)c->btf_fd;
  struct map_slot *m = &c->maps[c->nmaps++];
  snprintf(m->name, sizeof m->name, "%s", tok[6]);
  m->type = (uint32_t)type;
  m->key_size = (uint32_t)key;
  m->value_size = (uint32_t)value;
  m->fd = bpf_map_create((enum bpf_map_type)type, m->name, (uint32_t)key, (uint32_t)value, (uint32_t)max, &opts);
  int err = m->fd < 0 ? errno : 0;
  comma(&c->maps_json);
  buf_printf(&c->maps_json, "{\"name\":");
  buf_json_cstr(&c->maps_json, m->name);
  buf_printf(&c->maps_json, ",\"errno\":%d}", err);
}

static struct map_slot *find_map(struct case_state *c, const char *s) {
  long long idx;
  if (parse_num(s, &idx) == 0) return (idx >= 0 && idx < c->nmaps) ? &c->maps[idx] : NULL;
  for (int i = 0; i < c->nmaps; i++)
    if (strcmp(c->maps[i].name, s) == 0) return &c->maps[i];
  return NULL;
}

static void cmd_update(struct case_state *c, char **tok, int ntok) {
  struct map_slot *m = ntok == 4 ? find_map(c, tok[1]) : NULL;
  unsigned char *key = NULL, *value = NULL;
  ssize_t kn = m ? unhex(tok[2], &key) : -1, vn = m ? unhex(tok[3], &value) : -1;
  if (!m || kn != (ssize_t)m->key_size || vn != (ssize_t)user_value_size(m)) {
    add_error(c, "bad update command (map %s, key %zd bytes, value %zd bytes)", ntok > 1 ? tok[1] : "?", kn, vn);
  } else if (bpf_map_update_elem(m->fd, key, value, BPF_ANY) < 0) {
    add_error(c, "update of map %s failed: %s", m->name, strerror(errno));
  }
  free(key);
  free(value);
}

static void cmd_freeze(struct case_state *c, char **tok, int ntok) {
  struct map_slot *m = ntok == 2 ? find_map(c, tok[1]) : NULL;
  if (!m || m->fd < 0) add_error(c, "bad freeze command");
  else if (bpf_map_freeze(m->fd) < 0) add_error(c, "freeze of map %s failed: %s", m->name, strerror(errno));
}

static void cmd_progarray(struct case_state *c, char **tok, int ntok) {
  struct map_slot *m = ntok == 4 ? find_map(c, tok[1]) : NULL;
  long long key, prog;
  if (!m || parse_num(tok[2], &key) || parse_num(tok[3], &prog) || prog < 0 || prog >= c->nprogs) {
    add_error(c, "bad progarray command");
    return;
  }
  uint32_t k = (uint32_t)key;
  int fd = c->progs[prog].fd;
  if (fd < 0 || bpf_map_update_elem(m->fd, &k, &fd, BPF_ANY) < 0)
    add_error(c, "progarray update of map %s failed: %s", m->name, fd < 0 ? "program not loaded" : strerror(errno));
}

static void cmd_dump(struct case_state *c, char **tok, int ntok) {
  struct map_slot *m = ntok == 2 ? find_map(c, tok[1]) : NULL;
  if (!m || m->fd < 0) {
    add_error(c, "bad dump command");
    return;
  }
  size_t vs = user_value_size(m);
  unsigned char *key = calloc(1, m->key_size + 1), *next = calloc(1, m->key_size + 1), *value = calloc(1, vs + 1);
  comma(&c->dumps_json);
  buf_printf(&c->dumps_json, "{\"map\":");
  buf_json_cstr(&c->dumps_json, m->name);
  buf_printf(&c->dumps_json, ",\"entries\":[");
  int first = 1, have_key = 0;
  for (int guard = 0; guard < 1000000; guard++) {
    if (bpf_map_get_next_key(m->fd, have_key ? key : NULL, next) < 0) break;
    memcpy(key, next, m->key_size);
    have_key = 1;
    if (bpf_map_lookup_elem(m->fd, key, value) < 0) continue;
    if (!first) buf_put(&c->dumps_json, ",", 1);
    first = 0;
    buf_put(&c->dumps_json, "[", 1);
    buf_hex(&c->dumps_json, key, m->key_size);
    buf_put(&c->dumps_json, ",", 1);
    buf_hex(&c->dumps_json, value, vs);
    buf_put(&c->dumps_json, "]", 1);
  }
  buf_put(&c->dumps_json, "]}", 2);
  free(key);
  free(next);
  free(value);
}

// ---- programs ----------------------------------------------------------------------------------

static int sys_prog_load(struct prog_load_attr *attr) {
  return (int)syscall(__NR_bpf, BPF_PROG_LOAD, attr, sizeof *attr);
}

static uint32_t verified_insns(int fd) {
  struct bpf_prog_info info;
  uint32_t len = sizeof info;
  memset(&info, 0, sizeof info);
  if (bpf_obj_get_info_by_fd(fd, &info, &len) < 0) return 0;
  return info.verified_insns;
}

// Appends one program's result to progs_json.
static void report_prog(struct case_state *c, const char *name, int fd, int err, const char *log, size_t log_len,
                        int truncated, uint32_t true_size) {
  comma(&c->progs_json);
  buf_printf(&c->progs_json, "{\"name\":");
  buf_json_cstr(&c->progs_json, name);
  buf_printf(&c->progs_json, ",\"accepted\":%s,\"errno\":%d,\"log\":", fd >= 0 ? "true" : "false", err);
  buf_json_string(&c->progs_json, log, log_len);
  buf_printf(&c->progs_json, ",\"logTruncated\":%s,\"logTrueSize\":%u", truncated ? "true" : "false", true_size);
  if (fd >= 0) buf_printf(&c->progs_json, ",\"verifiedInsns\":%u", verified_insns(fd));
  buf_put(&c->progs_json, "}", 1);
}

static void cmd_prog(struct case_state *c, char **tok, int ntok, const char *line) {
  if (ntok < 7 || parse_enum(tok[1], prog_type_name, &c->prog_type) ||
      parse_enum(tok[2], attach_type_name, &c->attach_type) || parse_num(tok[3], &c->log_level) ||
      parse_num(tok[4], &c->prog_flags)) {
    add_error(c, "bad prog command");
    c->prog_type = -2;
    return;
  }
  snprintf(c->prog_name, sizeof c->prog_name, "%s", strcmp(tok[5], "-") == 0 ? "" : tok[5]);
  // the licence is everything after the sixth token of the original line
  const char *p = line;
  for (int i = 0; i < 6; i++) {
    p = strchr(p, ' ');
    p = p ? p + 1 : "";
  }
  snprintf(c->license, sizeof c->license, "%s", p);
}

static void cmd_info(struct case_state *c, char **tok, int ntok, int line_info) {
  unsigned char **dst = line_info ? &c->line_info : &c->func_info;
  ssize_t *len = line_info ? &c->line_info_len : &c->func_info_len;
  free(*dst);
  *len = ntok == 2 ? unhex(tok[1], dst) : -1;
  if (*len < 0 || *len % (line_info ? 16 : 8)) add_error(c, "bad %s command", tok[0]);
}

static void cmd_btf(struct case_state *c, char **tok, int ntok) {
  unsigned char *data;
  ssize_t n = ntok == 2 ? unhex(tok[1], &data) : -1;
  if (n <= 0) {
    add_error(c, "bad btf command");
    return;
  }
  if (c->btf_fd >= 0) close(c->btf_fd);
  static char log[65536];
  log[0] = 0;
  LIBBPF_OPTS(bpf_btf_load_opts, opts, .log_buf = log, .log_size = sizeof log, .log_level = 1);
  c->btf_fd = bpf_btf_load(data, (size_t)n, &opts);
  if (c->btf_fd < 0) add_error(c, "BTF load failed: %s: %s", strerror(errno), log);
  free(data);
}

static void cmd_insns(struct case_state *c, char **tok, int ntok) {
  unsigned char *code;
  ssize_t n = ntok == 2 ? unhex(tok[1], &code) : -1;
  if (n < 0 || n % 8 || c->prog_type == -2 || c->nprogs >= MAX_PROGS) {
    add_error(c, "bad insns command (or no prog command before it)");
    if (n >= 0) free(code);
    return;
  }
  struct bpf_insn *insns = (struct bpf_insn *)code;
  size_t cnt = (size_t)n / 8;
  int fds[MAX_MAPS];
  for (int i = 0; i < c->nmaps; i++) fds[i] = c->maps[i].fd;
  for (size_t i = 0; i + 1 < cnt; i++) {
    if (insns[i].code != (BPF_LD | BPF_DW | BPF_IMM)) continue;
    if (insns[i].src_reg == BPF_PSEUDO_MAP_FD || insns[i].src_reg == BPF_PSEUDO_MAP_VALUE) {
      int idx = insns[i].imm;
      if (idx >= 0 && idx < c->nmaps) insns[i].imm = c->maps[idx].fd;
      else add_error(c, "insn %zu refers to map %d, which the case does not declare", i, idx);
    }
    i++;  // the second slot of ld_imm64
  }
  struct prog_slot *p = &c->progs[c->nprogs++];
  snprintf(p->name, sizeof p->name, "%s", c->prog_name);
  char *log = c->log_level ? malloc(c->log_size) : NULL;
  if (log) log[0] = 0;
  struct prog_load_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.prog_type = (uint32_t)c->prog_type;
  attr.expected_attach_type = c->attach_type < 0 ? 0 : (uint32_t)c->attach_type;
  attr.insn_cnt = (uint32_t)cnt;
  attr.insns = (uint64_t)(uintptr_t)insns;
  attr.license = (uint64_t)(uintptr_t)c->license;
  attr.log_level = log ? (uint32_t)c->log_level : 0;
  attr.log_size = log ? c->log_size : 0;
  attr.log_buf = (uint64_t)(uintptr_t)log;
  attr.prog_flags = (uint32_t)c->prog_flags;
  memcpy(attr.prog_name, c->prog_name, strnlen(c->prog_name, 15));
  attr.fd_array = c->nmaps ? (uint64_t)(uintptr_t)fds : 0;
  if (c->btf_fd >= 0 && (c->func_info_len > 0 || c->line_info_len > 0)) {
    attr.prog_btf_fd = (uint32_t)c->btf_fd;
    if (c->func_info_len > 0) {
      attr.func_info_rec_size = 8;
      attr.func_info = (uint64_t)(uintptr_t)c->func_info;
      attr.func_info_cnt = (uint32_t)(c->func_info_len / 8);
    }
    if (c->line_info_len > 0) {
      attr.line_info_rec_size = 16;
      attr.line_info = (uint64_t)(uintptr_t)c->line_info;
      attr.line_info_cnt = (uint32_t)(c->line_info_len / 16);
    }
  }
  p->fd = sys_prog_load(&attr);
  int err = p->fd < 0 ? errno : 0;
  int truncated = log && attr.log_true_size > c->log_size;
  if (err == ENOSPC && truncated) {
    // The log did not fit: ENOSPC hides the verdict. Load again without a log to learn it.
    attr.log_level = 0;
    attr.log_size = 0;
    attr.log_buf = 0;
    uint32_t true_size = attr.log_true_size;
    p->fd = sys_prog_load(&attr);
    err = p->fd < 0 ? errno : 0;
    attr.log_true_size = true_size;
  }
  report_prog(c, p->name, p->fd, err, log ? log : "", log ? strnlen(log, c->log_size) : 0, truncated,
              attr.log_true_size);
  free(log);
  free(code);
  free(c->func_info);
  free(c->line_info);
  c->func_info = c->line_info = NULL;
  c->func_info_len = c->line_info_len = 0;
}

static void cmd_object(struct case_state *c, char **tok, int ntok) {
  if (ntok != 2 || c->obj || c->nmaps) {
    add_error(c, "bad object command (one object per case, and no raw maps with it)");
    return;
  }
  c->obj = bpf_object__open_file(tok[1], NULL);
  if (!c->obj) {
    add_error(c, "cannot open object %s: %s", tok[1], strerror(errno));
    comma(&c->progs_json);
    buf_printf(&c->progs_json, "{\"name\":\"\",\"accepted\":false,\"errno\":%d,\"stage\":\"open\",\"log\":\"\"}", errno);
  }
}

static void cmd_objprog(struct case_state *c, char **tok, int ntok) {
  long long type, attach, level;
  if (ntok != 5 || !c->obj || parse_enum(tok[2], prog_type_name, &type) ||
      parse_enum(tok[3], attach_type_name, &attach) || parse_num(tok[4], &level)) {
    add_error(c, "bad objprog command (or no object open)");
    return;
  }
  struct bpf_program *prog, *want = NULL;
  bpf_object__for_each_program(prog, c->obj) {
    int match = strcmp(bpf_program__name(prog), tok[1]) == 0;
    if (match) want = prog;
    bpf_program__set_autoload(prog, match);
  }
  if (!want) {
    add_error(c, "object has no program %s", tok[1]);
    return;
  }
  if (type >= 0) bpf_program__set_type(want, (enum bpf_prog_type)type);
  if (attach >= 0) bpf_program__set_expected_attach_type(want, (enum bpf_attach_type)attach);
  char *log = level ? malloc(c->log_size) : NULL;
  if (log) {
    log[0] = 0;
    bpf_program__set_log_buf(want, log, c->log_size);
    bpf_program__set_log_level(want, (uint32_t)level);
  }
  size_t libbpf_mark = c->libbpf.len;
  int rc = bpf_object__load(c->obj);
  int err = rc < 0 ? (rc == -1 ? errno : -rc) : 0;
  int fd = rc == 0 ? bpf_program__fd(want) : -1;
  // Did the kernel see the program? libbpf says "BPF program load failed" when the verifier (or
  // BPF_PROG_LOAD) refused it; any other failure happened before, in libbpf or at map creation.
  const char *msgs = c->libbpf.data ? c->libbpf.data + libbpf_mark : "";
  const char *stage = rc == 0 ? "loaded" : strstr(msgs, "BPF program load failed") ? "verifier" : "libbpf";
  size_t log_len = log ? strnlen(log, c->log_size) : 0;
  report_prog(c, tok[1], fd, err, log ? log : "", log_len, log && log_len + 1 >= c->log_size, 0);
  // add the stage to the object just written: replace its closing brace
  c->progs_json.len--;
  buf_printf(&c->progs_json, ",\"stage\":\"%s\"}", stage);
  if (rc == 0 && fd >= 0 && c->nprogs < MAX_PROGS) {
    struct prog_slot *p = &c->progs[c->nprogs++];
    p->fd = dup(fd);
    snprintf(p->name, sizeof p->name, "%s", tok[1]);
    struct bpf_map *map;
    bpf_object__for_each_map(map, c->obj) {
      if (c->nmaps >= MAX_MAPS) break;
      struct map_slot *m = &c->maps[c->nmaps++];
      m->fd = bpf_map__fd(map);
      m->type = bpf_map__type(map);
      m->key_size = bpf_map__key_size(map);
      m->value_size = bpf_map__value_size(map);
      snprintf(m->name, sizeof m->name, "%s", bpf_map__name(map));
    }
  }
  free(log);
}

static void cmd_run(struct case_state *c, char **tok, int ntok) {
  long long prog, repeat, data_out, ctx_out, flags;
  unsigned char *data = NULL, *ctx = NULL;
  ssize_t dn = -1, cn = -1;
  if (ntok != 8 || parse_num(tok[1], &prog) || prog < 0 || prog >= c->nprogs || parse_num(tok[4], &repeat) ||
      parse_num(tok[5], &data_out) || parse_num(tok[6], &ctx_out) || parse_num(tok[7], &flags) ||
      (dn = unhex(tok[2], &data)) < 0 || (cn = unhex(tok[3], &ctx)) < 0) {
    add_error(c, "bad run command");
    free(data);
    free(ctx);
    return;
  }
  unsigned char *dout = data_out > 0 ? calloc(1, (size_t)data_out) : NULL;
  unsigned char *cout = ctx_out > 0 ? calloc(1, (size_t)ctx_out) : NULL;
  LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = dn ? data : NULL, .data_size_in = (uint32_t)dn,
              .data_out = dout, .data_size_out = (uint32_t)(data_out > 0 ? data_out : 0), .ctx_in = cn ? ctx : NULL,
              .ctx_size_in = (uint32_t)cn, .ctx_out = cout, .ctx_size_out = (uint32_t)(ctx_out > 0 ? ctx_out : 0),
              .repeat = (int)repeat, .flags = (uint32_t)flags);
  int rc = c->progs[prog].fd < 0 ? -1 : bpf_prog_test_run_opts(c->progs[prog].fd, &opts);
  int err = rc < 0 ? (c->progs[prog].fd < 0 ? EBADF : errno) : 0;
  comma(&c->runs_json);
  buf_printf(&c->runs_json, "{\"prog\":%lld,\"errno\":%d,\"retval\":%u,\"durationNs\":%u,\"dataOut\":", prog, err,
             opts.retval, opts.duration);
  buf_hex(&c->runs_json, dout ? dout : (const unsigned char *)"", rc == 0 && dout ? opts.data_size_out : 0);
  buf_printf(&c->runs_json, ",\"ctxOut\":");
  buf_hex(&c->runs_json, cout ? cout : (const unsigned char *)"", rc == 0 && cout ? opts.ctx_size_out : 0);
  buf_put(&c->runs_json, "}", 1);
  free(data);
  free(ctx);
  free(dout);
  free(cout);
}

static void cmd_end(struct case_state *c) {
  struct buf *o = &c->out;
  buf_printf(o, "{\"case\":");
  buf_json_cstr(o, c->id);
  buf_printf(o, ",\"maps\":[%s],\"progs\":[%s],\"runs\":[%s],\"dumps\":[%s],\"errors\":[%s],\"libbpf\":",
             c->maps_json.data ? c->maps_json.data : "", c->progs_json.data ? c->progs_json.data : "",
             c->runs_json.data ? c->runs_json.data : "", c->dumps_json.data ? c->dumps_json.data : "",
             c->errors_json.data ? c->errors_json.data : "");
  buf_json_string(o, c->libbpf.data ? c->libbpf.data : "", c->libbpf.len);
  buf_put(o, "}\n", 2);
  fwrite(o->data, 1, o->len, stdout);
  fflush(stdout);
  case_reset(c);
}

int main(void) {
  static struct case_state c;
  c.btf_fd = -1;
  case_reset(&c);
  current_case = &c;
  libbpf_set_print(libbpf_print);
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  char **tok = NULL;
  size_t tok_cap = 0;
  while ((n = getline(&line, &cap, stdin)) >= 0) {
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
    if (n == 0 || line[0] == '#') continue;
    char *orig = strdup(line);
    int ntok = 0;
    for (char *save = NULL, *t = strtok_r(line, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
      if ((size_t)ntok + 1 >= tok_cap) {
        tok_cap = tok_cap ? tok_cap * 2 : 16;
        tok = realloc(tok, tok_cap * sizeof *tok);
      }
      tok[ntok++] = t;
    }
    const char *cmd = tok[0];
    if (strcmp(cmd, "case") == 0) {
      case_reset(&c);
      snprintf(c.id, sizeof c.id, "%s", ntok > 1 ? orig + 5 : "");
    } else if (strcmp(cmd, "logsize") == 0) {
      long long v;
      if (ntok == 2 && parse_num(tok[1], &v) == 0 && v >= 64) c.log_size = (uint32_t)v;
      else add_error(&c, "bad logsize command");
    } else if (strcmp(cmd, "btf") == 0) cmd_btf(&c, tok, ntok);
    else if (strcmp(cmd, "map") == 0) cmd_map(&c, tok, ntok);
    else if (strcmp(cmd, "prog") == 0) cmd_prog(&c, tok, ntok, orig);
    else if (strcmp(cmd, "funcinfo") == 0) cmd_info(&c, tok, ntok, 0);
    else if (strcmp(cmd, "lineinfo") == 0) cmd_info(&c, tok, ntok, 1);
    else if (strcmp(cmd, "insns") == 0) cmd_insns(&c, tok, ntok);
    else if (strcmp(cmd, "object") == 0) cmd_object(&c, tok, ntok);
    else if (strcmp(cmd, "objprog") == 0) cmd_objprog(&c, tok, ntok);
    else if (strcmp(cmd, "update") == 0) cmd_update(&c, tok, ntok);
    else if (strcmp(cmd, "freeze") == 0) cmd_freeze(&c, tok, ntok);
    else if (strcmp(cmd, "progarray") == 0) cmd_progarray(&c, tok, ntok);
    else if (strcmp(cmd, "run") == 0) cmd_run(&c, tok, ntok);
    else if (strcmp(cmd, "dump") == 0) cmd_dump(&c, tok, ntok);
    else if (strcmp(cmd, "end") == 0) cmd_end(&c);
    else add_error(&c, "unknown command %s", cmd);
    free(orig);
  }
  free(line);
  free(tok);
  return 0;
}

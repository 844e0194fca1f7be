// Kconfig externs: `extern T NAME __kconfig;` in a BPF program is a value libbpf fills in at load
// time, in a read-only ".kconfig" array map (BTF DATASEC ".kconfig"). libbpf computes the LINUX_*
// ones itself; CONFIG_* ones come from the running kernel's configuration. These are the values
// on the kernel ebcc predicts (Linux 6.18 on x86_64); an extern not listed here is unknown.

/** KERNEL_VERSION(a, b, c) as libbpf and the kernel's headers compute it. */
export const kernelVersion = (a: number, b: number, c: number): bigint => BigInt((a << 16) + (b << 8) + Math.min(c, 255));

export const KCONFIG_VALUES: Readonly<Record<string, bigint>> = {
  LINUX_KERNEL_VERSION: kernelVersion(6, 18, 0),
  LINUX_HAS_BPF_COOKIE: 1n,
  LINUX_HAS_SYSCALL_WRAPPER: 1n,
};

"""Two tiny programs for the lesson on platforms: one for amd64, one for arm64, written here.

The multi-platform lesson needs a program for a CPU other than this machine's, to build a real
multi-architecture index and to let the kernel refuse it with a real ``exec format error``.
Debian's ``busybox-static:arm64`` would do, but Binder can only install packages of its own
architecture (``apt.txt``) and nothing as root, and no package of PyPI, npm or the image's own
distribution ships an arm64 program for an amd64 machine. So the package writes the program itself:
a static Linux ELF executable of a few hundred bytes that does what ``uname -m`` does — it asks the
kernel for its name (the ``uname`` system call), writes the ``machine`` field (``x86_64``,
``aarch64``) and a newline to standard output, and exits with 0.

The bytes below are the machine code of the same short program for each CPU, assembled once with
``llvm-mc`` (the source is beside each) and checked by the tests: the amd64 one runs here and
prints ``x86_64``; the arm64 one runs under ``qemu-aarch64-static`` and prints ``aarch64``, and
the kernel of an amd64 machine refuses it with ``ENOEXEC``. The ELF wrapping (one 64-byte file
header, one 56-byte program header: a single read-and-execute ``PT_LOAD`` segment mapping the
whole file at ``0x400000``) follows the System V ABI's ELF-64 layout; the program keeps its
``utsname`` buffer on the stack, so no writable segment is needed. The same bytes come out on
every machine, so the images built from them have the same digests everywhere.
"""

from __future__ import annotations

import struct

# e_machine values (ELF specification / System V ABI supplements)
EM_X86_64 = 62
EM_AARCH64 = 183

# amd64 (x86-64 Linux system calls: uname = 63, write = 1, exit = 60)
#   sub rsp, 400 ; mov rdi, rsp ; mov eax, 63 ; syscall        uname(buf) on the stack
#   lea rsi, [rsp + 260] ; xor edx, edx                         rsi = buf.machine (4 * 65)
# 1: cmp byte ptr [rsi + rdx], 0 ; je 2f ; inc edx ; jmp 1b    edx = strlen(machine)
# 2: mov byte ptr [rsi + rdx], 10 ; inc edx                     append "\n"
#   mov eax, 1 ; mov edi, 1 ; syscall                           write(1, machine, len)
#   mov eax, 60 ; xor edi, edi ; syscall                        exit(0)
_AMD64 = bytes.fromhex(
    "4881ec900100004889e7b83f0000000f05488db4240401000031d2803c16"
    "007404ffc2ebf6c604160affc2b801000000bf010000000f05b83c000000"
    "31ff0f05")

# arm64 (AArch64 Linux system calls: uname = 160, write = 64, exit = 93)
#   sub sp, sp, #400 ; mov x0, sp ; mov x8, #160 ; svc #0       uname(buf) on the stack
#   add x1, sp, #260 ; mov x2, #0                               x1 = buf.machine
# 1: ldrb w3, [x1, x2] ; cbz w3, 2f ; add x2, x2, #1 ; b 1b    x2 = strlen(machine)
# 2: mov w3, #10 ; strb w3, [x1, x2] ; add x2, x2, #1           append "\n"
#   mov x0, #1 ; mov x8, #64 ; svc #0                           write(1, machine, len)
#   mov x0, #0 ; mov x8, #93 ; svc #0                           exit(0)
_ARM64 = bytes.fromhex(
    "ff4306d1e0030091081480d2010000d4e1130491020080d2236862386300"
    "003442040091fdffff17430180522368223842040091200080d2080880d2"
    "010000d4000080d2a80b80d2010000d4")

CODE = {"amd64": (EM_X86_64, _AMD64), "arm64": (EM_AARCH64, _ARM64)}
ARCHITECTURES = tuple(CODE)   # ("amd64", "arm64")
NAME = "arsitektur"           # the program's file name in the lesson: it tells the CPU's architecture
BASE = 0x400000               # where the segment is mapped (the usual base of a static executable)
_HEADERS = 64 + 56            # ELF-64 file header + one program header


def machine_program(arch: str) -> bytes:
    """The program for ``arch`` (``amd64`` or ``arm64``) as the bytes of an ELF executable."""
    machine, code = CODE[arch]
    size = _HEADERS + len(code)
    ident = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)   # 64-bit, little-endian, version 1, System V
    header = ident + struct.pack(
        "<HHIQQQIHHHHHH",
        2,                # e_type: ET_EXEC
        machine,          # e_machine
        1,                # e_version
        BASE + _HEADERS,  # e_entry: the first instruction, right after the headers
        64,               # e_phoff: the program header follows the file header
        0,                # e_shoff: no section headers (a loader needs none)
        0,                # e_flags
        64, 56, 1,        # e_ehsize, e_phentsize, e_phnum
        0, 0, 0)          # e_shentsize, e_shnum, e_shstrndx
    segment = struct.pack(
        "<IIQQQQQQ",
        1,                # p_type: PT_LOAD
        5,                # p_flags: PF_R | PF_X
        0, BASE, BASE,    # p_offset, p_vaddr, p_paddr: the whole file, from its first byte
        size, size,       # p_filesz, p_memsz
        0x1000)           # p_align: one page
    return header + segment + code


__all__ = ["ARCHITECTURES", "NAME", "machine_program"]

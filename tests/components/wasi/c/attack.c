/* Hostile WASI guest (C, clang-14 --target=wasm32-wasi, wasi-libc).
 *
 * A command program that attacks the sandbox of a WASI host through plain wasi-libc calls: stale
 * directory descriptors whose directory was replaced by a symlink pointing outside the preopen,
 * writes through a read-only preopen, path races against a second instance, floods of output and
 * descriptors, over-long paths, huge file offsets and a memory that grows past 2 GiB.
 * Scenario = argv[1]; the scenarios and their output are described in tests/components/README.md
 * (section "Hostile guest"). Built by tests/components/build-wasi.sh (language token c-attack).
 *
 * Output: one line per attempt on stdout, `<label> ok` or `<label> denied <ERRNO>`; successful
 * reads print `<label> ok <content>`. stdout is flushed after every line, so everything printed
 * before the host stops or traps the guest reaches the host.
 *
 * The host is expected to preopen /data (read-write) and /ro (read-only), both siblings of a host
 * directory `outside` holding secret.txt; /ro holds keep.txt and an empty directory sub, /data
 * holds file.txt. The guest never knows host paths: it only ever reaches `outside` through
 * "../outside" symlinks that it (or the host test) plants. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Heap placement: see sbrk.h. This guest allocates a lot (`grow`, `flood-open`), so it needs that even more than the probe. */
#include "sbrk.h"

/* ------------------------------------------------------------------------------------------------
 * Output helpers */

/* Symbolic name of a wasi-libc errno value (wasi-libc's errno values are WASI's errno codes, not
 * Linux's), "E<number>" for anything not listed. */
static const char *errname(int e) {
    static char other[16];
    switch (e) {
#define N(x) case x: return #x;
    N(E2BIG) N(EACCES) N(EADDRINUSE) N(EADDRNOTAVAIL) N(EAFNOSUPPORT) N(EAGAIN) N(EALREADY)
    N(EBADF) N(EBADMSG) N(EBUSY) N(ECANCELED) N(ECHILD) N(ECONNABORTED) N(ECONNREFUSED)
    N(ECONNRESET) N(EDEADLK) N(EDESTADDRREQ) N(EDOM) N(EDQUOT) N(EEXIST) N(EFAULT) N(EFBIG)
    N(EHOSTUNREACH) N(EIDRM) N(EILSEQ) N(EINPROGRESS) N(EINTR) N(EINVAL) N(EIO) N(EISCONN)
    N(EISDIR) N(ELOOP) N(EMFILE) N(EMLINK) N(EMSGSIZE) N(EMULTIHOP) N(ENAMETOOLONG) N(ENETDOWN)
    N(ENETRESET) N(ENETUNREACH) N(ENFILE) N(ENOBUFS) N(ENODEV) N(ENOENT) N(ENOEXEC) N(ENOLCK)
    N(ENOLINK) N(ENOMEM) N(ENOMSG) N(ENOPROTOOPT) N(ENOSPC) N(ENOSYS) N(ENOTCONN) N(ENOTDIR)
    N(ENOTEMPTY) N(ENOTRECOVERABLE) N(ENOTSOCK) N(ENOTSUP) N(ENOTTY) N(ENXIO) N(EOVERFLOW)
    N(EOWNERDEAD) N(EPERM) N(EPIPE) N(EPROTO) N(EPROTONOSUPPORT) N(EPROTOTYPE) N(ERANGE)
    N(EROFS) N(ESPIPE) N(ESRCH) N(ESTALE) N(ETIMEDOUT) N(ETXTBSY) N(EXDEV) N(ENOTCAPABLE)
#undef N
    default:
        snprintf(other, sizeof other, "E%d", e);
        return other;
    }
}

/* Prints one line on stdout and flushes it at once: the host may stop or trap the guest at any
 * moment, and every finished attempt must have reached it by then. */
__attribute__((format(printf, 1, 2))) static void line(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
}

static void ok(const char *label) { line("%s ok", label); }
static void denied(const char *label, int e) { line("%s denied %s", label, errname(e)); }

/* Reports a call that returns -1 and sets errno on failure; returns rc unchanged. */
static int report(const char *label, int rc) {
    if (rc < 0) denied(label, errno);
    else ok(label);
    return rc;
}

/* Setup that must work for the scenario to mean anything: stderr line, exit status 1. */
static void fail(const char *what) {
    int e = errno;
    fflush(stdout);
    fprintf(stderr, "error: %s: %s\n", what, errname(e));
    exit(1);
}

/* Prints `<label> ok <content>` for n bytes read: newline as \n, backslash as \\, other control
 * bytes as \xHH, nothing after "ok" when n is 0. */
static void print_content(const char *label, const char *buf, size_t n) {
    char text[4 * 64 + 1], *t = text;
    if (n > 64) n = 64;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c == '\n') { *t++ = '\\'; *t++ = 'n'; }
        else if (c == '\\') { *t++ = '\\'; *t++ = '\\'; }
        else if (c < 0x20 || c == 0x7f) t += sprintf(t, "\\x%02x", c);
        else *t++ = (char)c;
    }
    *t = 0;
    if (n == 0) line("%s ok", label);
    else line("%s ok %s", label, text);
}

/* Reads up to 64 bytes from fd: print_content, or `<label> denied <ERRNO>`. */
static void print_read(const char *label, int fd) {
    char buf[64];
    size_t n = 0;
    while (n < sizeof buf) {
        ssize_t r = read(fd, buf + n, sizeof buf - n);
        if (r < 0) {
            denied(label, errno);
            return;
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    print_content(label, buf, n);
}

/* Opens dirfd/path (O_RDONLY) and prints what print_read prints. */
static void read_at(const char *label, int dirfd, const char *path) {
    int fd = openat(dirfd, path, O_RDONLY);
    if (fd < 0) {
        denied(label, errno);
        return;
    }
    print_read(label, fd);
    close(fd);
}

/* Writes s completely to fd; -1 with errno on failure. */
static int write_str(int fd, const char *s) {
    size_t len = strlen(s), done = 0;
    while (done < len) {
        ssize_t w = write(fd, s + done, len - done);
        if (w < 0) return -1;
        if (w == 0) { errno = EIO; return -1; }
        done += (size_t)w;
    }
    return 0;
}

/* Opens dirfd/path with flags, then (if text is not NULL) writes text; one line for both. */
static void open_write_at(const char *label, int dirfd, const char *path, int flags, const char *text) {
    int fd = openat(dirfd, path, flags, 0644);
    if (fd < 0) {
        denied(label, errno);
        return;
    }
    report(label, text ? write_str(fd, text) : 0);
    close(fd);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists the directory open as dfd (taken over: closed here): `<label> ok <names>` with the names
 * sorted bytewise and comma-separated, no "." and ".." (nothing after "ok" when empty). */
static void list_fd(const char *label, int dfd) {
    DIR *d = fdopendir(dfd);
    if (!d) {
        denied(label, errno);
        close(dfd);
        return;
    }
    size_t count = 0, cap = 16, total = 1;
    char **names = malloc(cap * sizeof *names);
    if (!names) fail("malloc");
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (count == cap) {
            cap *= 2;
            if (!(names = realloc(names, cap * sizeof *names))) fail("realloc");
        }
        if (!(names[count] = strdup(e->d_name))) fail("strdup");
        total += strlen(names[count]) + 1;
        count++;
    }
    int err = errno;
    closedir(d);
    if (err != 0) {
        denied(label, err);
    } else {
        qsort(names, count, sizeof *names, cmp_str);
        char *joined = malloc(total);
        if (!joined) fail("malloc");
        joined[0] = 0;
        for (size_t i = 0; i < count; i++) {
            if (i) strcat(joined, ",");
            strcat(joined, names[i]);
        }
        if (count == 0) line("%s ok", label);
        else line("%s ok %s", label, joined);
        free(joined);
    }
    for (size_t i = 0; i < count; i++) free(names[i]);
    free(names);
}

/* Both timestamps "now", for utimensat/futimens. A NULL times array means exactly that (POSIX), and
 * it is what reaches the host: Debian's wasi-libc (git 2022-05-10) refuses an explicit
 * {UTIME_NOW, UTIME_NOW} pair with EINVAL before making any WASI call, so such an attempt would
 * test nothing. With NULL the host gets set-times(-at) with both timestamps `now`. */
#define NOW ((const struct timespec *)NULL)

/* ------------------------------------------------------------------------------------------------
 * stale-self / stale-host: the directory behind a descriptor is replaced by a symlink to outside.
 *
 * The guest holds a descriptor for /data/d; then /data/d is removed and a symlink "../outside"
 * takes its place. A host that keeps handles (openat relative to the real directory) sees a
 * deleted, empty directory behind the descriptor and refuses or finds nothing; a host that keeps
 * the *path* "/data/d" for the descriptor and re-resolves it on every call follows the symlink out
 * of the preopen and reads, writes, lists, deletes ... in `outside`. The path-* attempts then go
 * through the symlink by name (/data/d/...), which the host must refuse as well. */

static int tdir = -1;             /* dirfd of the attempts: the stale fd, or AT_FDCWD */
static const char *tbase;         /* NULL: names relative to tdir; else the absolute directory */
static char tpath[2][512];

/* The path of `name` in the attacked directory (two slots, for rename/link). */
static const char *tp(int slot, const char *name) {
    if (!tbase) return name;
    if (strcmp(name, ".") == 0) snprintf(tpath[slot], sizeof tpath[slot], "%s", tbase);
    else snprintf(tpath[slot], sizeof tpath[slot], "%s/%s", tbase, name);
    return tpath[slot];
}

/* Every operation once, labelled `<prefix>-<op>`, against the directory tdir/tbase. */
static void attack_dir(const char *prefix) {
    char l[64];
#define L(op) (snprintf(l, sizeof l, "%s-%s", prefix, op), l)
    read_at(L("read"), tdir, tp(0, "secret.txt"));
    {
        int dfd = openat(tdir, tp(0, "."), O_RDONLY | O_DIRECTORY);
        if (dfd < 0) denied(L("list"), errno);
        else list_fd(L("list"), dfd);
    }
    open_write_at(L("create"), tdir, tp(0, "created.txt"), O_CREAT | O_WRONLY, "pwned");
    open_write_at(L("truncate"), tdir, tp(0, "secret.txt"), O_WRONLY | O_TRUNC, NULL);
    open_write_at(L("append"), tdir, tp(0, "secret.txt"), O_WRONLY | O_APPEND, "pwned");
    report(L("unlink"), unlinkat(tdir, tp(0, "secret.txt"), 0));
    report(L("mkdir"), mkdirat(tdir, tp(0, "made"), 0755));
    report(L("rmdir"), unlinkat(tdir, tp(0, "sub"), AT_REMOVEDIR));
    report(L("rename"), renameat(tdir, tp(0, "secret.txt"), tdir, tp(1, "moved.txt")));
    report(L("symlink"), symlinkat("x", tdir, tp(0, "planted")));
    report(L("link"), linkat(tdir, tp(0, "secret.txt"), tdir, tp(1, "hard"), 0));
    report(L("utimes"), utimensat(tdir, tp(0, "secret.txt"), NOW, 0));
#undef L
}

static void attack_stale_and_path(int fd) {
    tdir = fd;
    tbase = NULL;
    attack_dir("stale");
    tdir = AT_FDCWD;
    tbase = "/data/d";
    attack_dir("path");
}

/* The guest replaces the directory itself: rmdir while holding the fd, then a relative symlink. */
static void stale_self(void) {
    if (mkdir("/data/d", 0755) != 0) fail("mkdir /data/d");
    int fd = open("/data/d", O_RDONLY | O_DIRECTORY);
    if (fd < 0) fail("open /data/d");
    report("setup-rmdir", rmdir("/data/d"));
    report("setup-symlink", symlink("../outside", "/data/d"));
    attack_stale_and_path(fd);
    close(fd);
}

/* The host test replaces the directory (rename/symlink on the host) while it serves the one-byte
 * stdin read, so the guest needs no rights to do the swap itself. */
static void stale_host(void) {
    if (mkdir("/data/d", 0755) != 0 && errno != EEXIST) fail("mkdir /data/d");
    int fd = open("/data/d", O_RDONLY | O_DIRECTORY);
    if (fd < 0) fail("open /data/d");
    char b;
    (void)read(0, &b, 1); /* whatever it returns: the swap has happened when it does */
    attack_stale_and_path(fd);
    close(fd);
}

/* ------------------------------------------------------------------------------------------------
 * readonly: every write-like operation on the read-only preopen /ro, directly, across preopens
 * (rename/link between /ro and /data), and through descriptors opened read-only under /ro. */
static void readonly(void) {
    static const struct { const char *label; const char *path; int flags; } opens[] = {
        {"ro-open-wronly", "/ro/keep.txt", O_WRONLY},
        {"ro-open-rdwr", "/ro/keep.txt", O_RDWR},
        {"ro-open-trunc", "/ro/keep.txt", O_WRONLY | O_TRUNC},
        {"ro-open-rdonly-trunc", "/ro/keep.txt", O_RDONLY | O_TRUNC},
        {"ro-open-append", "/ro/keep.txt", O_WRONLY | O_APPEND},
        {"ro-create", "/ro/new.txt", O_CREAT | O_WRONLY},
        {"ro-create-excl", "/ro/new.txt", O_CREAT | O_EXCL | O_WRONLY},
    };
    for (size_t i = 0; i < sizeof opens / sizeof opens[0]; i++) {
        int fd = open(opens[i].path, opens[i].flags, 0644);
        report(opens[i].label, fd);
        if (fd >= 0) close(fd);
    }
    report("ro-unlink", unlink("/ro/keep.txt"));
    report("ro-rmdir", rmdir("/ro/sub"));
    report("ro-mkdir", mkdir("/ro/made", 0755));
    report("ro-rename", rename("/ro/keep.txt", "/ro/moved.txt"));
    report("ro-rename-out", rename("/ro/keep.txt", "/data/stolen.txt"));
    report("ro-rename-in", rename("/data/file.txt", "/ro/planted.txt"));
    report("ro-symlink", symlink("keep.txt", "/ro/link"));
    report("ro-link-out", link("/ro/keep.txt", "/data/hard.txt"));
    report("ro-link", link("/ro/keep.txt", "/ro/hard.txt"));
    report("ro-link-in", link("/data/file.txt", "/ro/hard2.txt"));
    report("ro-utimes", utimensat(AT_FDCWD, "/ro/keep.txt", NOW, 0));
    report("ro-utimes-dir", utimensat(AT_FDCWD, "/ro/sub", NOW, 0));
    report("ro-truncate", truncate("/ro/keep.txt", 0));

    /* A descriptor opened for reading must not become a way to write. */
    int fd = open("/ro/keep.txt", O_RDONLY);
    if (report("ro-open-rdonly", fd) >= 0) {
        report("ro-ftruncate", ftruncate(fd, 0));
        report("ro-write", (int)write(fd, "x", 1));
        report("ro-pwrite", (int)pwrite(fd, "x", 1, 0));
        report("ro-futimens", futimens(fd, NOW));
        close(fd);
    }
    /* Nor a directory descriptor under /ro a way to create or delete in it. */
    int dfd = open("/ro/sub", O_RDONLY | O_DIRECTORY);
    if (report("ro-open-sub", dfd) >= 0) {
        int nf = openat(dfd, "new.txt", O_CREAT | O_WRONLY, 0644);
        report("ro-sub-create", nf);
        if (nf >= 0) close(nf);
        report("ro-sub-unlink", unlinkat(dfd, "new.txt", 0));
        report("ro-sub-mkdir", mkdirat(dfd, "made", 0755));
        close(dfd);
    }
    read_at("ro-read", AT_FDCWD, "/ro/keep.txt");
}

/* ------------------------------------------------------------------------------------------------
 * race / swap: time-of-check/time-of-use races between two instances on the same preopen. */

static double now_seconds(void) {
    struct timespec t;
    if (clock_gettime(CLOCK_MONOTONIC, &t) != 0) fail("clock_gettime(MONOTONIC)");
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The victim side: keeps using /data/d by name while `swap` (another instance) keeps replacing it
 * with a symlink to outside. Every success through the symlink is an escape of the host's path
 * resolution: reading the secret, creating a file, or seeing secret.txt in a listing. */
static void race(double seconds, const char *secret) {
    unsigned long attempts = 0, opened = 0, escaped = 0, created = 0, listed = 0;
    size_t slen = strlen(secret);
    double end = now_seconds() + seconds;
    char buf[4096];
    while (now_seconds() < end) {
        attempts++;
        int fd = open("/data/d/secret.txt", O_RDONLY);
        if (fd >= 0) {
            opened++;
            size_t n = 0;
            ssize_t r;
            while (n < sizeof buf && (r = read(fd, buf + n, sizeof buf - n)) > 0) n += (size_t)r;
            close(fd);
            /* the secret may come with a trailing newline or more: any occurrence counts */
            if (slen > 0 && n >= slen) {
                for (size_t i = 0; i + slen <= n; i++)
                    if (memcmp(buf + i, secret, slen) == 0) { escaped++; break; }
            }
        }
        fd = open("/data/d/pwned.txt", O_CREAT | O_WRONLY, 0644);
        if (fd >= 0) {
            created++;
            (void)write_str(fd, "pwned");
            close(fd);
            unlink("/data/d/pwned.txt");
        }
        DIR *d = opendir("/data/d");
        if (d) {
            struct dirent *e;
            int seen = 0;
            while ((e = readdir(d)) != NULL)
                if (strcmp(e->d_name, "secret.txt") == 0) seen = 1;
            closedir(d);
            listed += (unsigned long)seen;
        }
    }
    line("race attempts %lu opened %lu escaped %lu created %lu listed-secret %lu", attempts, opened,
         escaped, created, listed);
}

/* The attacker side: swaps /data/d for a symlink to ../outside and back, as fast as it can. It
 * needs nothing but ordinary rights on its own preopen; the host has to make sure that the other
 * instance never follows the symlink out. */
static void swap(double seconds) {
    if (mkdir("/data/d", 0755) != 0 && errno != EEXIST) fail("mkdir /data/d");
    unsigned long cycles = 0;
    double end = now_seconds() + seconds;
    while (now_seconds() < end) {
        if (rename("/data/d", "/data/d.real") != 0) continue;
        int linked = symlink("../outside", "/data/d") == 0;
        for (volatile int i = 0; i < 1000; i++) { } /* leave the symlink in place for a moment */
        int unlinked = linked && unlink("/data/d") == 0;
        int restored = rename("/data/d.real", "/data/d") == 0;
        if (linked && unlinked && restored) cycles++;
    }
    line("swap cycles %lu", cycles);
}

/* ------------------------------------------------------------------------------------------------
 * Resource exhaustion. */

/* Unbounded output: the host must cap or at least survive it. The result goes to stderr (stdout is
 * what is being flooded). */
static void flood_stdout(unsigned long mebibytes) {
    static char chunk[64 * 1024];
    for (size_t i = 0; i < sizeof chunk; i++) chunk[i] = (i % 64 == 63) ? '\n' : 'f';
    unsigned long long limit = (unsigned long long)mebibytes << 20, total = 0;
    int err = 0;
    while (total < limit) {
        size_t want = sizeof chunk;
        if (limit - total < want) want = (size_t)(limit - total);
        ssize_t w = write(1, chunk, want);
        if (w < 0) { err = errno; break; }
        if (w == 0) { err = EIO; break; }
        total += (unsigned long long)w;
    }
    if (err) fprintf(stderr, "flood-stdout wrote %llu denied %s\n", total, errname(err));
    else fprintf(stderr, "flood-stdout wrote %llu ok\n", total);
    fflush(stderr);
}

/* Descriptor exhaustion: open without closing until the host says no. */
static void flood_open(unsigned long n) {
    int *fds = malloc((n ? n : 1) * sizeof *fds);
    if (!fds) fail("malloc");
    unsigned long count = 0;
    int err = 0;
    while (count < n) {
        int fd = open("/data/file.txt", O_RDONLY);
        if (fd < 0) { err = errno; break; }
        fds[count++] = fd;
    }
    if (err) line("flood-open opened %lu denied %s", count, errname(err));
    else line("flood-open opened %lu ok", count);
    for (unsigned long i = 0; i < count; i++) close(fds[i]);
    free(fds);
    int fd = open("/data/file.txt", O_RDONLY);
    if (report("flood-open reopen", fd) >= 0) close(fd);
}

/* Paths the host has to bound: a deep path of about `bytes` bytes, and one 300-byte name. */
static void long_path(unsigned long bytes) {
    char *p = malloc(bytes + 16);
    if (!p) fail("malloc");
    size_t n = (size_t)sprintf(p, "/data/");
    while (n + 3 <= bytes) { p[n++] = 'a'; p[n++] = '/'; }
    p[n++] = 'x';
    p[n] = 0;
    int fd = open(p, O_RDONLY);
    if (report("long-path", fd) >= 0) close(fd);
    free(p);

    char name[6 + 300 + 1];
    memcpy(name, "/data/", 6);
    memset(name + 6, 'n', 300);
    name[6 + 300] = 0;
    fd = open(name, O_CREAT | O_WRONLY, 0644);
    if (report("long-name", fd) >= 0) {
        close(fd);
        unlink(name);
    }
}

/* Offsets near and past what a host file (or a signed 64-bit offset) can take: the host must
 * refuse or handle them, not wrap, crash or allocate. */
static void big_offset(void) {
    const off_t p44 = (off_t)1 << 44, p62 = (off_t)1 << 62, max = INT64_MAX;
    int fd = open("/data/big.bin", O_CREAT | O_RDWR, 0644);
    if (fd < 0) fail("open /data/big.bin");
    report("pwrite-2^44", (int)pwrite(fd, "x", 1, p44));
    report("pwrite-2^62", (int)pwrite(fd, "x", 1, p62));
    report("pwrite-max", (int)pwrite(fd, "x", 1, max));
    char b[16];
    ssize_t r = pread(fd, b, sizeof b, p62);
    if (r < 0) denied("pread-2^62", errno);
    else line("pread-2^62 ok %zd", r);
    report("ftruncate-2^62", ftruncate(fd, p62));
    report("ftruncate-max", ftruncate(fd, max));
    if (lseek(fd, p62, SEEK_SET) < 0) denied("seek-write", errno);
    else report("seek-write", (int)write(fd, "x", 1));
    close(fd);
}

/* Memory growth: past 2 GiB for 2100 MiB, where a host that treats guest addresses as signed
 * 32-bit numbers goes wrong; then I/O into a buffer at the top of that memory. */
static void grow(unsigned long mebibytes) {
    const size_t chunk = 1u << 20;
    unsigned long got = 0;
    for (; got < mebibytes; got++) {
        /* 1 MiB at a time: dlmalloc will not sbrk a single request of 2 GiB or more */
        volatile char *p = malloc(chunk);
        if (!p) break;
        for (size_t i = 0; i < chunk; i += 64 * 1024) p[i] = 1; /* touch one byte per 64 KiB */
    }   /* never freed: the memory stays in use until the end */
    if (got == mebibytes) line("grow ok %lu", mebibytes);
    else denied("grow", ENOMEM);
    printf("after-grow\n"); /* stdio's buffer is static, i.e. low in memory */
    fflush(stdout);
    int fd = open("/data/file.txt", O_RDONLY);
    if (fd < 0) {
        denied("grow-read", errno);
        return;
    }
    char *buf = malloc(4096); /* comes from the top of the heap, above the growth */
    if (!buf) {
        denied("grow-read", ENOMEM);
        close(fd);
        return;
    }
    ssize_t r = read(fd, buf, 64);
    close(fd);
    if (r < 0) {
        denied("grow-read", errno);
        return;
    }
    print_content("grow-read", buf, (size_t)r);
}

/* ------------------------------------------------------------------------------------------------ */

static unsigned long arg_ulong(int argc, char **argv, int i) {
    char *end;
    if (i >= argc) {
        fprintf(stderr, "%s: missing argument\n", argv[1]);
        exit(2);
    }
    unsigned long v = strtoul(argv[i], &end, 10);
    if (*argv[i] == 0 || *end != 0) {
        fprintf(stderr, "%s: not a number: %s\n", argv[1], argv[i]);
        exit(2);
    }
    return v;
}

static double arg_seconds(int argc, char **argv, int i) {
    char *end;
    if (i >= argc) {
        fprintf(stderr, "%s: missing argument\n", argv[1]);
        exit(2);
    }
    double v = strtod(argv[i], &end);
    if (*argv[i] == 0 || *end != 0 || !(v >= 0)) {
        fprintf(stderr, "%s: not a number of seconds: %s\n", argv[1], argv[i]);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: wasi-attack <stale-self|stale-host|readonly|race|swap|flood-stdout|"
                        "flood-open|long-path|big-offset|grow> [args...]\n");
        return 2;
    }
    const char *s = argv[1];
    if (strcmp(s, "stale-self") == 0) stale_self();
    else if (strcmp(s, "stale-host") == 0) stale_host();
    else if (strcmp(s, "readonly") == 0) readonly();
    else if (strcmp(s, "race") == 0) {
        if (argc < 4) {
            fprintf(stderr, "usage: race <seconds> <secret>\n");
            return 2;
        }
        race(arg_seconds(argc, argv, 2), argv[3]);
    }
    else if (strcmp(s, "swap") == 0) swap(arg_seconds(argc, argv, 2));
    else if (strcmp(s, "flood-stdout") == 0) flood_stdout(arg_ulong(argc, argv, 2));
    else if (strcmp(s, "flood-open") == 0) flood_open(arg_ulong(argc, argv, 2));
    else if (strcmp(s, "long-path") == 0) long_path(arg_ulong(argc, argv, 2));
    else if (strcmp(s, "big-offset") == 0) big_offset();
    else if (strcmp(s, "grow") == 0) grow(arg_ulong(argc, argv, 2));
    else {
        fprintf(stderr, "unknown scenario: %s\n", s);
        return 2;
    }
    fflush(stdout);
    return 0;
}

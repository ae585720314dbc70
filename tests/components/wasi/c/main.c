/* WASI probe fixture (C, clang-14 --target=wasm32-wasi, wasi-libc).
 * Scenario = argv[1]; the output is byte-identical with the Rust and Go versions
 * (see tests/components/README.md). Built by tests/components/build-wasi.sh. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LANG "c"

extern char **environ;

#include "sbrk.h" /* heap placement: see there */

static void fail(const char *what) {
    int e = errno;
    fflush(stdout);
    fprintf(stderr, "error: %s: %s\n", what, strerror(e));
    exit(1);
}

static void upper(char *p, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (p[i] >= 'a' && p[i] <= 'z') p[i] = (char)(p[i] - ('a' - 'A'));
}

static int cmp_env_key(const void *a, const void *b) {
    const unsigned char *x = *(const unsigned char *const *)a, *y = *(const unsigned char *const *)b;
    /* ordinal comparison of the keys (the part before the first '='); '=' ends a key */
    for (;; x++, y++) {
        unsigned cx = (*x == '=') ? 0 : *x, cy = (*y == '=') ? 0 : *y;
        if (cx != cy) return cx < cy ? -1 : 1;
        if (cx == 0) return 0;
    }
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void print_env(void) {
    size_t n = 0;
    while (environ && environ[n]) n++;
    char **vars = malloc((n ? n : 1) * sizeof *vars);
    if (!vars) fail("malloc");
    memcpy(vars, environ, n * sizeof *vars);
    qsort(vars, n, sizeof *vars, cmp_env_key);
    for (size_t i = 0; i < n; i++) printf("env %s\n", vars[i]);
    free(vars);
}

static char *read_all(FILE *f, size_t *len) {
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    if (!buf) fail("malloc");
    for (;;) {
        if (n == cap) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) fail("realloc");
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) {
            if (ferror(f)) fail("read");
            break;
        }
    }
    *len = n;
    return buf;
}

static void stdin_upper(void) {
    size_t n;
    char *buf = read_all(stdin, &n);
    upper(buf, n);
    if (fwrite(buf, 1, n, stdout) != n) fail("write stdout");
    free(buf);
}

static void files(void) {
    FILE *in = fopen("/data/input.txt", "rb");
    if (!in) fail("read /data/input.txt");
    size_t n;
    char *buf = read_all(in, &n);
    fclose(in);
    upper(buf, n);
    FILE *o = fopen("/data/output.txt", "wb");
    if (!o) fail("write /data/output.txt");
    if (fwrite(buf, 1, n, o) != n || fclose(o) != 0) fail("write /data/output.txt");
    free(buf);
    if (mkdir("/data/made", 0755) != 0) fail("mkdir /data/made");

    DIR *d = opendir("/data");
    if (!d) fail("readdir /data");
    size_t count = 0, cap = 16;
    char **names = malloc(cap * sizeof *names);
    if (!names) fail("malloc");
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (count == cap) {
            cap *= 2;
            char **nn = realloc(names, cap * sizeof *names);
            if (!nn) fail("realloc");
            names = nn;
        }
        names[count] = strdup(e->d_name);
        if (!names[count]) fail("strdup");
        count++;
    }
    if (errno != 0) fail("readdir /data");
    closedir(d);
    qsort(names, count, sizeof *names, cmp_str);
    for (size_t i = 0; i < count; i++) {
        printf("entry %s\n", names[i]);
        free(names[i]);
    }
    free(names);

    struct stat st;
    if (stat("/data/output.txt", &st) != 0) fail("stat /data/output.txt");
    printf("size %lld\n", (long long)st.st_size);
}

static void clock_probe(void) {
    struct timespec wall, a, b, res;
    if (clock_gettime(CLOCK_REALTIME, &wall) != 0) fail("clock_gettime(REALTIME)");
    printf("wall %lld\n", (long long)wall.tv_sec);
    if (clock_gettime(CLOCK_MONOTONIC, &a) != 0 || clock_gettime(CLOCK_MONOTONIC, &b) != 0)
        fail("clock_gettime(MONOTONIC)");
    if (b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec)) printf("mono-ok\n");
    if (clock_getres(CLOCK_MONOTONIC, &res) == 0 && (res.tv_sec > 0 || res.tv_nsec > 0))
        printf("resolution-ok\n");
}

static void random_probe(void) {
    unsigned char buf[16];
    if (getentropy(buf, sizeof buf) != 0) fail("getentropy");
    printf("random ");
    for (size_t i = 0; i < sizeof buf; i++) printf("%02x", buf[i]);
    printf("\n");
}

static void report(const char *path, int fd) {
    printf("escape %s %s\n", path, fd >= 0 ? "ok" : "denied");
    if (fd >= 0) close(fd);
}

static void escape(void) {
    static const char *const reads[] = {"/data/../secret.txt", "/etc/passwd", "/data/link-out/secret.txt"};
    for (size_t i = 0; i < sizeof reads / sizeof reads[0]; i++) report(reads[i], open(reads[i], O_RDONLY));
    report("/data/../new.txt", open("/data/../new.txt", O_WRONLY | O_CREAT, 0644));
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: wasi-probe <hello|args|env|stdin|files|clock|random|exit|escape> [args...]\n");
        return 2;
    }
    const char *s = argv[1];
    if (strcmp(s, "hello") == 0) {
        printf("hello from " LANG "\n");
        fflush(stdout);
        fprintf(stderr, "warning from " LANG "\n");
    } else if (strcmp(s, "args") == 0) {
        for (int i = 1; i < argc; i++) printf("arg %d=%s\n", i, argv[i]);
    } else if (strcmp(s, "env") == 0) {
        print_env();
    } else if (strcmp(s, "stdin") == 0) {
        stdin_upper();
    } else if (strcmp(s, "files") == 0) {
        files();
    } else if (strcmp(s, "clock") == 0) {
        clock_probe();
    } else if (strcmp(s, "random") == 0) {
        random_probe();
    } else if (strcmp(s, "exit") == 0) {
        printf("exiting\n");
        fflush(stdout);
        exit(3);
    } else if (strcmp(s, "escape") == 0) {
        escape();
    } else {
        fprintf(stderr, "unknown scenario: %s\n", s);
        return 2;
    }
    if (fflush(stdout) != 0) fail("write stdout");
    return 0;
}

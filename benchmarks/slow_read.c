/* A slow disk for benchmarks: every read from a ".sqlite" file waits as if it came over a
 * network share at SLOW_RATE bytes a second (default 10 MB/s), plus SLOW_LATENCY seconds a
 * read (default 0). Loaded with LD_PRELOAD into one process; other files read at full speed.
 *
 *     gcc -shared -fPIC -O2 -o benchmarks/out/slow_read.so benchmarks/slow_read.c -ldl
 *     LD_PRELOAD=benchmarks/out/slow_read.so SLOW_RATE=10e6 uv run riskdesk check big.sqlite
 *
 * SQLite (the system library Python's sqlite3 uses) opens files with open64 and reads them
 * with pread64; Python reads a file's header with open64 and read. All four are wrapped.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define MAX_FD 65536
static unsigned char slow_fd[MAX_FD];

static int is_register(const char *path) {
    size_t length = path ? strlen(path) : 0;
    return length > 7 && strcmp(path + length - 7, ".sqlite") == 0;
}

static void wait_for(ssize_t bytes) {
    static double rate = -1, latency = 0;
    if (rate < 0) {
        const char *r = getenv("SLOW_RATE"), *l = getenv("SLOW_LATENCY");
        rate = r ? atof(r) : 10e6;
        latency = l ? atof(l) : 0;
    }
    double seconds = latency + (double)bytes / rate;
    struct timespec pause = {(time_t)seconds, (long)((seconds - (time_t)seconds) * 1e9)};
    nanosleep(&pause, NULL);
}

static int mark(int fd, const char *path) {
    if (fd >= 0 && fd < MAX_FD) slow_fd[fd] = (unsigned char)is_register(path);
    return fd;
}

int open64(const char *path, int flags, ...) {
    static int (*real)(const char *, int, ...);
    if (!real) real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open64");
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list args;
        va_start(args, flags);
        mode = (mode_t)va_arg(args, int);
        va_end(args);
    }
    return mark(real(path, flags, mode), path);
}

int open(const char *path, int flags, ...) {
    static int (*real)(const char *, int, ...);
    if (!real) real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list args;
        va_start(args, flags);
        mode = (mode_t)va_arg(args, int);
        va_end(args);
    }
    return mark(real(path, flags, mode), path);
}

int close(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "close");
    if (fd >= 0 && fd < MAX_FD) slow_fd[fd] = 0;
    return real(fd);
}

ssize_t pread64(int fd, void *buffer, size_t count, off_t offset) {
    static ssize_t (*real)(int, void *, size_t, off_t);
    if (!real) real = (ssize_t (*)(int, void *, size_t, off_t))dlsym(RTLD_NEXT, "pread64");
    ssize_t done = real(fd, buffer, count, offset);
    if (done > 0 && fd >= 0 && fd < MAX_FD && slow_fd[fd]) wait_for(done);
    return done;
}

ssize_t read(int fd, void *buffer, size_t count) {
    static ssize_t (*real)(int, void *, size_t);
    if (!real) real = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
    ssize_t done = real(fd, buffer, count);
    if (done > 0 && fd >= 0 && fd < MAX_FD && slow_fd[fd]) wait_for(done);
    return done;
}

/*
 * crowd.c - benchmark helper for bench/run: populates the host with
 * sleeping processes so that namespace listers have something to scan.
 *
 * usage: crowd N EVERY K T READYFILE
 *   N      sleeping child processes, each blocked in pause()
 *   EVERY  every EVERY-th child (1-based: EVERY, 2*EVERY, ...) first calls
 *          unshare(CLONE_NEWUTS|CLONE_NEWIPC); 0 disables
 *   K      extra child processes, each with T extra threads blocked in pause()
 *   READYFILE  written ("pgid total\n") once all N+K children are in place
 *
 * The crowd process calls setsid(), so its PID is the process-group id of the
 * whole crowd: `kill -KILL -- -PID` removes everything.  Children also set
 * PR_SET_PDEATHSIG=SIGKILL, so they die if the crowd process dies, and the
 * crowd process itself dies if the script that started it dies.
 * Compiled on the fly by bench/run (host.py); not part of the listns build.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static int ready_w = -1;

static void die(const char *what) {
    fprintf(stderr, "crowd: %s: %s\n", what, strerror(errno));
    /* take the whole group down so that nothing half-built survives */
    kill(0, SIGKILL);
    _exit(1);
}

static void child_setup(pid_t parent) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) /* parent died between fork and prctl */
        _exit(0);
}

static void notify(void) {
    char c = 1;
    while (write(ready_w, &c, 1) < 0 && errno == EINTR) {}
}

static void *thread_main(void *arg) {
    (void)arg;
    for (;;) pause();
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s N EVERY K T READYFILE\n", argv[0]);
        return 2;
    }
    long n = atol(argv[1]), every = atol(argv[2]);
    long k = atol(argv[3]), t = atol(argv[4]);
    const char *readyfile = argv[5];

    /* die with the script that started us, even if it is SIGKILLed */
    pid_t starter = getppid();
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != starter) return 1;
    if (setsid() < 0 && getpgrp() != getpid()) die("setsid");
    prctl(PR_SET_NAME, "bench-crowd");

    int p[2];
    if (pipe(p) < 0) die("pipe");
    ready_w = p[1];
    pid_t self = getpid();

    for (long i = 1; i <= n; i++) {
        pid_t pid = fork();
        if (pid < 0) die("fork (sleeper)");
        if (pid == 0) {
            close(p[0]);
            child_setup(self);
            prctl(PR_SET_NAME, "bench-sleeper");
            if (every > 0 && i % every == 0 &&
                unshare(CLONE_NEWUTS | CLONE_NEWIPC) < 0) {
                fprintf(stderr, "crowd: unshare: %s\n", strerror(errno));
                kill(self, SIGKILL); /* PDEATHSIG then reaps the rest */
                _exit(1);
            }
            notify();
            close(ready_w);
            for (;;) pause();
        }
    }

    for (long i = 0; i < k; i++) {
        pid_t pid = fork();
        if (pid < 0) die("fork (threaded)");
        if (pid == 0) {
            close(p[0]);
            child_setup(self);
            prctl(PR_SET_NAME, "bench-threads");
            pthread_attr_t a;
            pthread_attr_init(&a);
            pthread_attr_setstacksize(&a, 64 * 1024);
            for (long j = 0; j < t; j++) {
                pthread_t th;
                int rc = pthread_create(&th, &a, thread_main, NULL);
                if (rc) {
                    fprintf(stderr, "crowd: pthread_create: %s\n", strerror(rc));
                    kill(self, SIGKILL);
                    _exit(1);
                }
            }
            notify();
            close(ready_w);
            for (;;) pause();
        }
    }

    close(p[1]);
    long got = 0;
    char buf[4096];
    while (got < n + k) {
        ssize_t r = read(p[0], buf, sizeof buf);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) die("children exited before becoming ready");
        got += r;
    }
    close(p[0]);

    FILE *f = fopen(readyfile, "w");
    if (!f) die("open readyfile");
    fprintf(f, "%d %ld\n", (int)getpgrp(), n + k);
    fclose(f);

    for (;;) pause();
}

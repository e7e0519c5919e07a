#ifndef CODEMODE_CGIT2_SHIM_H
#define CODEMODE_CGIT2_SHIM_H
#include <git2.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

/// `git_libgit2_opts` is variadic and does not import into Swift; this fixes the arguments of
/// `GIT_OPT_SET_SEARCH_PATH` (where libgit2 looks for the global, XDG and system config).
/// `path` may be NULL to restore the default, which libgit2 derives from HOME and friends.
static inline int codemode_git_set_search_path(git_config_level_t level, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, (int)level, path);
}

/// A pack writer's operations are function pointers in a struct; calling them through these
/// keeps the C calling convention in C.
static inline int codemode_git_writepack_append(git_odb_writepack *pack, const void *data, size_t size,
                                                git_indexer_progress *stats) {
    return pack->append(pack, data, size, stats);
}

static inline int codemode_git_writepack_commit(git_odb_writepack *pack, git_indexer_progress *stats) {
    return pack->commit(pack, stats);
}

static inline void codemode_git_writepack_free(git_odb_writepack *pack) {
    pack->free(pack);
}
#endif

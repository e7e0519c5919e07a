#ifndef CODEMODE_CGIT2_SHIM_H
#define CODEMODE_CGIT2_SHIM_H
#include <git2.h>

/// `git_libgit2_opts` is variadic and does not import into Swift; this fixes the arguments of
/// `GIT_OPT_SET_SEARCH_PATH` (where libgit2 looks for the global, XDG and system config).
/// `path` may be NULL to restore the default, which libgit2 derives from HOME and friends.
static inline int codemode_git_set_search_path(git_config_level_t level, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, (int)level, path);
}
#endif

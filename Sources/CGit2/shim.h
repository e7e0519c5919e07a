#ifndef CODEMODE_CGIT2_SHIM_H
#define CODEMODE_CGIT2_SHIM_H
#include <git2.h>
#endif

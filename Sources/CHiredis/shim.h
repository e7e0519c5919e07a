#ifndef CODEMODE_CHIREDIS_SHIM_H
#define CODEMODE_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>
#endif

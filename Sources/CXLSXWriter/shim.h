#ifndef SPIEGEL_CXLSXWRITER_SHIM_H
#define SPIEGEL_CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#endif

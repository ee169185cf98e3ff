// zlib's inflate and crc32, for unpacking XLSX parts with an output cap (Debian: zlib1g-dev).
#include <zlib.h>

/*
 * xlsxwriter_floor: what libxlsxwriter alone needs to write a given set of workbooks.
 *
 * `make bench` counts what Spiegel's workbook stage wrote (sheets, text/number/blank cells,
 * distinct strings, formats, merged ranges, colour scales, row heights, charts and their series,
 * per workbook, read back from the published .xlsx files by scripts/bench.py) and writes those
 * counts to a workload file, one workbook per line:
 *
 *   sheets strings distinct string_bytes numbers blanks formats merges scales heights charts series
 *
 * This program writes the same workbooks straight through libxlsxwriter's C API, with as many
 * threads as the machine has cores (each thread writes whole workbooks, as Spiegel does), and
 * prints the wall seconds as JSON. The result is the floor the workbook stage is measured
 * against (docs/benchmarks.md, "The workbook stage against libxlsxwriter alone").
 *
 * Build: gcc -O2 -o xlsxwriter_floor scripts/xlsxwriter_floor.c -lxlsxwriter -lpthread
 * Usage: xlsxwriter_floor WORKLOAD OUTPUT_FOLDER [THREADS]
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

typedef struct {
    long sheets, strings, distinct, string_bytes, numbers, blanks, formats, merges, scales, heights, charts, series;
} workload;

static workload *workbooks;
static long workbook_count;
static atomic_long next_workbook;
static const char *output_folder;
static atomic_int failures;

/* Columns per row: Spiegel's tables are about this wide. */
enum { COLUMNS = 10 };

static void write_workbook(long index) {
    const workload *w = &workbooks[index];
    char path[4096];
    snprintf(path, sizeof path, "%s/floor-%06ld.xlsx", output_folder, index);
    lxw_workbook_options options = {.constant_memory = 0, .tmpdir = NULL, .use_zip64 = 0};
    lxw_workbook *workbook = workbook_new_opt(path, &options);
    if (!workbook) { atomic_fetch_add(&failures, 1); return; }
    lxw_doc_properties properties = {.title = "floor", .author = "bench", .created = 1};
    workbook_set_properties(workbook, &properties);

    long format_count = w->formats > 1 ? w->formats - 1 : 1; /* cellXfs includes the default format */
    lxw_format **formats = calloc((size_t)format_count, sizeof *formats);
    for (long f = 0; f < format_count; f++) {
        formats[f] = workbook_add_format(workbook);
        format_set_num_format(formats[f], (f % 3 == 0) ? "0.0" : (f % 3 == 1) ? "0%" : "+0.0;-0.0;0.0");
        if (f % 2) format_set_bold(formats[f]);
        format_set_bg_color(formats[f], 0xDDEBF7 + (lxw_color_t)f);
        format_set_align(formats[f], LXW_ALIGN_VERTICAL_TOP);
    }

    /* The distinct strings, of the measured average length; the library interns repeats itself. */
    long distinct = w->distinct > 0 ? w->distinct : 1;
    long length = w->strings > 0 ? w->string_bytes / (w->strings) : 8;
    if (length < 1) length = 1;
    if (length > 32000) length = 32000;
    char **texts = malloc((size_t)distinct * sizeof *texts);
    for (long s = 0; s < distinct; s++) {
        texts[s] = malloc((size_t)length + 24);
        int prefix = snprintf(texts[s], 24, "t%ld ", s);
        long total = length > prefix ? length : prefix;
        memset(texts[s] + prefix, 'x', (size_t)(total - prefix));
        texts[s][total] = '\0';
    }

    long sheets = w->sheets > 0 ? w->sheets : 1;
    lxw_worksheet **worksheets = calloc((size_t)sheets, sizeof *worksheets);
    char name[32];
    for (long s = 0; s < sheets; s++) {
        snprintf(name, sizeof name, "Blad %ld", s + 1);
        worksheets[s] = workbook_add_worksheet(workbook, name);
    }
    /* Cells spread evenly over the sheets, row by row, COLUMNS wide. */
    long cells = w->strings + w->numbers + w->blanks;
    long written = 0, text = 0, number = 0, blank = 0;
    for (long s = 0; s < sheets; s++) {
        long share = cells / sheets + (s < cells % sheets ? 1 : 0);
        for (long c = 0; c < share; c++, written++) {
            lxw_row_t row = (lxw_row_t)(c / COLUMNS);
            lxw_col_t column = (lxw_col_t)(c % COLUMNS);
            lxw_format *format = formats[written % format_count];
            /* Interleave the kinds in their overall proportions. */
            if (text * cells < w->strings * (written + 1) && text < w->strings) {
                worksheet_write_string(worksheets[s], row, column, texts[text % distinct], format);
                text++;
            } else if (number < w->numbers) {
                worksheet_write_number(worksheets[s], row, column, (double)(written % 70) / 10.0, format);
                number++;
            } else {
                worksheet_write_blank(worksheets[s], row, column, format);
                blank++;
            }
        }
        worksheet_set_column(worksheets[s], 0, COLUMNS - 1, 14, NULL);
        worksheet_freeze_panes(worksheets[s], 1, 0);
    }
    for (long h = 0; h < w->heights; h++) worksheet_set_row(worksheets[h % sheets], (lxw_row_t)(h / sheets), 30, NULL);
    for (long m = 0; m < w->merges; m++) {
        lxw_row_t row = (lxw_row_t)(100000 + 2 * m);
        worksheet_merge_range(worksheets[m % sheets], row, 0, row, 3, texts[m % distinct], NULL);
    }
    for (long c = 0; c < w->scales; c++) {
        lxw_conditional_format rule = {0};
        rule.type = LXW_CONDITIONAL_3_COLOR_SCALE;
        rule.min_rule_type = rule.mid_rule_type = rule.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
        rule.min_value = 1; rule.mid_value = 4; rule.max_value = 7;
        rule.min_color = 0xF8696B; rule.mid_color = 0xFFEB84; rule.max_color = 0x63BE7B;
        worksheet_conditional_format_range(worksheets[c % sheets], (lxw_row_t)(1 + 10 * c), 3, (lxw_row_t)(9 + 10 * c), 7, &rule);
    }
    for (long c = 0; c < w->charts; c++) {
        lxw_chart *chart = workbook_add_chart(workbook, LXW_CHART_RADAR_WITH_MARKERS);
        long per_chart = w->series / (w->charts) + (c < w->series % w->charts ? 1 : 0);
        for (long s = 0; s < per_chart; s++) {
            lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
            chart_series_set_categories(series, "Blad 1", 1, 0, 5, 0);
            chart_series_set_values(series, "Blad 1", 1, (lxw_col_t)(1 + s), 5, (lxw_col_t)(1 + s));
            chart_series_set_name(series, "reeks");
        }
        chart_title_set_name(chart, "grafiek");
        lxw_chart_options chart_options = {.x_scale = 1, .y_scale = 1};
        worksheet_insert_chart_opt(worksheets[c % sheets], (lxw_row_t)(20 * c), COLUMNS + 1, chart, &chart_options);
    }
    if (workbook_close(workbook) != LXW_NO_ERROR) atomic_fetch_add(&failures, 1);
    for (long s = 0; s < distinct; s++) free(texts[s]);
    free(texts);
    free(formats);
    free(worksheets);
}

static void *worker(void *unused) {
    (void)unused;
    for (;;) {
        long index = atomic_fetch_add(&next_workbook, 1);
        if (index >= workbook_count) return NULL;
        write_workbook(index);
    }
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s WORKLOAD OUTPUT_FOLDER [THREADS]\n", argv[0]);
        return 2;
    }
    FILE *input = fopen(argv[1], "r");
    if (!input) { fprintf(stderr, "cannot open %s: %s\n", argv[1], strerror(errno)); return 2; }
    long capacity = 1024;
    workbooks = malloc((size_t)capacity * sizeof *workbooks);
    workload w;
    while (fscanf(input, "%ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld", &w.sheets, &w.strings, &w.distinct,
                  &w.string_bytes, &w.numbers, &w.blanks, &w.formats, &w.merges, &w.scales, &w.heights, &w.charts,
                  &w.series) == 12) {
        if (workbook_count == capacity) workbooks = realloc(workbooks, (size_t)(capacity *= 2) * sizeof *workbooks);
        workbooks[workbook_count++] = w;
    }
    fclose(input);
    output_folder = argv[2];
    mkdir(output_folder, 0755);
    long threads = argc > 3 ? atol(argv[3]) : sysconf(_SC_NPROCESSORS_ONLN);
    if (threads < 1) threads = 1;

    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pthread_t *pool = malloc((size_t)threads * sizeof *pool);
    for (long t = 0; t < threads; t++) pthread_create(&pool[t], NULL, worker, NULL);
    for (long t = 0; t < threads; t++) pthread_join(pool[t], NULL);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    printf("{\"workbooks\": %ld, \"threads\": %ld, \"seconds\": %.6f, \"failures\": %d}\n", workbook_count, threads,
           seconds, atomic_load(&failures));
    return atomic_load(&failures) ? 1 : 0;
}

# Reads the hub's SDMX REST API with R's rsdmx, as a statistician would, and writes what it read
# as CSV files for the test to compare with the GraphQL answers.
# Usage: Rscript read-with-rsdmx.R <base URL of /sdmx> <output folder> <dataflow id>...
args <- commandArgs(trailingOnly = TRUE)
base <- args[1]
out <- args[2]
flows <- args[-(1:2)]
suppressMessages(library(rsdmx))
save <- function(df, name) write.csv(df, file.path(out, name), row.names = FALSE)

save(as.data.frame(readSDMX(paste0(base, "/dataflow"))), "dataflows.csv")
for (flow in flows) {
  dsd <- readSDMX(paste0(base, "/datastructure/UN/DSD_", flow, "/latest?references=children"))
  structure <- slot(slot(dsd, "datastructures"), "datastructures")[[1]]
  save(as.data.frame(slot(structure, "Components")), paste0("components_", flow, ".csv"))
  codelists <- slot(dsd, "codelists")
  ids <- sapply(slot(codelists, "codelists"), slot, "id")
  codes <- do.call(rbind, lapply(ids, function(id) {
    df <- as.data.frame(codelists, codelistId = id)
    data.frame(codelist = id, id = df$id, name = df[["name.en"]])
  }))
  save(codes, paste0("codelists_", flow, ".csv"))
  schemes <- slot(slot(dsd, "concepts"), "conceptSchemes")
  concepts <- do.call(rbind, lapply(schemes, function(scheme) {
    data.frame(scheme = slot(scheme, "id"), id = sapply(slot(scheme, "Concept"), slot, "id"))
  }))
  save(concepts, paste0("concepts_", flow, ".csv"))
}
save(as.data.frame(readSDMX(paste0(base, "/data/REFORM_INDICATORS/all"))), "indicators.csv")
save(as.data.frame(readSDMX(paste0(base, "/data/WORKFORCE/.F+M._T._T"))), "workforce.csv")

module starmap/deploy/tools/render

go 1.19

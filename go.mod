module github.com/stepwisehq/stepwise

go 1.26.8

module witbindgen.test/guests

go 1.24

const o="Hello, World!";console.log(o);

// The dev-loop benchmark's frontend: a React app of a few hundred modules
// (src/generated/, written by harness.mjs), served by the DevServer at /assets/.
import react from "@vitejs/plugin-react";

export default {
  plugins: [react()],
  base: "/assets/",
  server: { port: 5273, strictPort: true },
};

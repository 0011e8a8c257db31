// `npx tsx bench/transfer/main.ts [link name part]`: the transfer section alone (no build, no JSON), for development.
import { transferBench } from "./index";

const result = await transferBench(process.argv[2]);
console.log(result.table);
process.exit(0);

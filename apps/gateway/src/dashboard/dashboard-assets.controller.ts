import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface Asset {
  path: () => string;
  type: string;
  /** Chart.js's own map is not served: drop the comment that would ask for it. */
  strip?: RegExp;
}

const ASSETS: Record<string, Asset> = {
  // The charting library, from node_modules: no CDN, pages work offline.
  'chart.umd.min.js': {
    path: () => join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
    type: 'text/javascript; charset=utf-8',
    strip: /\n?\/\/# sourceMappingURL=\S+\s*$/,
  },
  'dashboard.js': {
    path: () => join(__dirname, 'assets', 'dashboard.js'),
    type: 'text/javascript; charset=utf-8',
  },
  'dashboard.css': {
    path: () => join(__dirname, 'assets', 'dashboard.css'),
    type: 'text/css; charset=utf-8',
  },
};

/** The dashboard's script, style and charting library: public, read once, then served from memory. */
@Controller('dashboard/assets')
export class DashboardAssetsController {
  private readonly loaded = new Map<string, string>();

  @Get(':name')
  serve(@Param('name') name: string, @Res() response: Response): void {
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) throw new NotFoundException();
    let body = this.loaded.get(name);
    if (body === undefined) {
      body = readFileSync(asset.path(), 'utf8');
      if (asset.strip) body = body.replace(asset.strip, '');
      this.loaded.set(name, body);
    }
    response.setHeader('cache-control', 'public, max-age=300');
    response.type(asset.type).send(body);
  }
}

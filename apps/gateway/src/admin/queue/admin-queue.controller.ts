import { Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '../../auth/admin-token.guard';
import { AdminQueueService } from './admin-queue.service';

@Controller('admin/queue')
@UseGuards(AdminTokenGuard)
export class AdminQueueController {
  constructor(private readonly queue: AdminQueueService) {}

  @Get()
  overview() {
    return this.queue.overview();
  }

  @Post('failed/retry')
  @HttpCode(200)
  retryAll() {
    return this.queue.retryAll();
  }

  @Post('failed/:id/retry')
  @HttpCode(200)
  retry(@Param('id') id: string) {
    return this.queue.retry(id);
  }
}

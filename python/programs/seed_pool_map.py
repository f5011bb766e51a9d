from multiprocessing import Pool

def worker(num):
    """다중 프로세스에서 실행할 작업"""
    return num * num

if __name__ == '__main__':
    # 프로세스 풀 생성
    p = Pool()

    # 작업 및 결과 처리
    result = p.map(worker, [1, 2, 3, 4, 5])

    # 프로세스 풀 종료
    p.close()
    p.join()

    print(result)
